// spend.json keeps each assistant's month (issue 14) beside the daily totals, and still reads a
// file written before there were assistants.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SPEND_FILE_NAME, SpendLedger } from './spend-ledger'

const now = (): Date => new Date(2026, 11, 1, 12, 0, 0)

describe('spending per assistant', () => {
  it('keeps each assistant’s month total and reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-spend-'))
    const ledger = new SpendLedger({ dir, now })
    ledger.record('response:r1', 0.01, 'default')
    ledger.record('response:r2', 0.02, 'translator')
    ledger.record('response:r2', 0.025, 'translator')
    expect(ledger.totals()).toMatchObject({ todayUsd: 0.035, monthUsd: 0.035 })
    expect(ledger.assistantMonthTotals()).toEqual({ default: 0.01, translator: 0.025 })
    await ledger.flushed()

    const reread = new SpendLedger({ dir, now })
    await reread.load()
    expect(reread.assistantMonthTotals()).toEqual({ default: 0.01, translator: 0.025 })
    expect(reread.totals().monthUsd).toBe(0.035)
  })

  it('reads a file from before assistants, and writes it as before until one is named', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-spend-'))
    const old = `${JSON.stringify({ version: 1, days: { '2026-12-01': 0.5 } }, null, 2)}\n`
    await writeFile(join(dir, SPEND_FILE_NAME), old)
    const ledger = new SpendLedger({ dir, now })
    await ledger.load()
    expect(ledger.problem).toBeNull()
    expect(ledger.totals().todayUsd).toBe(0.5)
    expect(ledger.assistantMonthTotals()).toEqual({})
    ledger.record('response:r1', 0.25)
    await ledger.flushed()
    expect(JSON.parse(await readFile(join(dir, SPEND_FILE_NAME), 'utf8'))).toEqual({
      version: 1,
      days: { '2026-12-01': 0.75 }
    })
  })
})
