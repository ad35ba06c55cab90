import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SPEND_FILE_NAME, SpendLedger, localDay } from './spend-ledger'

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'hark-spend-'))

/** A wall clock the test moves; local calendar times, so the tests hold in any time zone. */
function fakeClock(start: Date): { now: () => Date; set: (date: Date) => void } {
  let current = start
  return { now: () => current, set: (date) => (current = date) }
}

async function openLedger(dir: string, now: () => Date): Promise<SpendLedger> {
  const ledger = new SpendLedger({ dir, now })
  await ledger.load()
  return ledger
}

describe('spend ledger', () => {
  it('counts each response once, and only what a late transcription added', async () => {
    const clock = fakeClock(new Date(2026, 10, 30, 12, 0))
    const ledger = await openLedger(await tempDir(), clock.now)
    ledger.record('response:a', 0.01)
    ledger.record('response:a', 0.01) // the same turn re-reported (its latency arrived)
    ledger.record('response:a', 0.0125) // its transcription arrived late
    ledger.record('response:b', 0.002)
    expect(ledger.totals()).toMatchObject({ todayUsd: 0.0145, monthUsd: 0.0145 })
  })

  it('adds a CLI turn spent while the app runs to the file instead of writing over it', async () => {
    const clock = fakeClock(new Date(2026, 11, 1, 9, 0))
    const dir = await tempDir()
    const app = await openLedger(dir, clock.now)
    app.record('response:app-1', 0.01, 'translator')
    await app.flushed()
    const cli = await openLedger(dir, clock.now) // `hark --text …` in a terminal, app still open
    cli.record('response:cli-1', 0.002)
    await cli.flushed()
    app.record('response:app-2', 0.03, 'translator')
    await app.flushed()
    const saved = JSON.parse(await readFile(join(dir, SPEND_FILE_NAME), 'utf8')) as unknown
    expect(saved).toMatchObject({
      days: { '2026-12-01': 0.042 },
      assistants: { translator: { '2026-12': 0.04 } }
    })
    expect(app.totals().todayUsd).toBe(0.042)
    expect((await openLedger(dir, clock.now)).totals().monthUsd).toBe(0.042)
  })

  it('starts a new day at local midnight and a new month on the first', async () => {
    const clock = fakeClock(new Date(2026, 10, 30, 23, 59, 59))
    const ledger = await openLedger(await tempDir(), clock.now)
    ledger.record('response:a', 0.03)
    expect(ledger.totals()).toEqual({
      day: '2026-11-30',
      month: '2026-11',
      todayUsd: 0.03,
      monthUsd: 0.03
    })
    clock.set(new Date(2026, 11, 1, 0, 0, 1))
    expect(ledger.totals()).toEqual({
      day: '2026-12-01',
      month: '2026-12',
      todayUsd: 0,
      monthUsd: 0
    })
    ledger.record('response:b', 0.02)
    clock.set(new Date(2026, 11, 2, 8, 0))
    ledger.record('response:c', 0.05)
    expect(ledger.totals()).toMatchObject({ todayUsd: 0.05, monthUsd: 0.07 })
  })

  it('keeps the day and month totals across a restart', async () => {
    const dir = await tempDir()
    const clock = fakeClock(new Date(2026, 10, 29, 9, 0))
    const first = await openLedger(dir, clock.now)
    first.record('response:a', 0.4)
    clock.set(new Date(2026, 10, 30, 9, 0))
    first.record('response:b', 0.25)
    await first.flushed()

    const second = await openLedger(dir, clock.now)
    expect(second.totals()).toMatchObject({ todayUsd: 0.25, monthUsd: 0.65 })
    expect(second.problem).toBeNull()
  })

  it('keeps a broken file aside, says so, starts from zero and never throws', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, SPEND_FILE_NAME), '{"version": 1, "days": {"2026-11-30": -5}}')
    const clock = fakeClock(new Date(2026, 10, 30, 9, 0))
    const ledger = await openLedger(dir, clock.now)
    expect(ledger.totals().todayUsd).toBe(0)
    expect(ledger.problem).toMatch(/could not be read.*kept as .*spend\.corrupt-\d+\.json/)
    const aside = (await readdir(dir)).find((name) => name.startsWith('spend.corrupt-'))
    if (aside === undefined) throw new Error('no file kept aside')
    expect(await readFile(join(dir, aside), 'utf8')).toContain('-5')
    ledger.record('response:a', 0.01)
    await ledger.flushed()
    expect((await openLedger(dir, clock.now)).totals().todayUsd).toBe(0.01)
  })

  it('a failed write is reported, and the totals stay right in memory', async () => {
    const clock = fakeClock(new Date(2026, 10, 30, 9, 0))
    const diskFull = Object.assign(new Error('no space'), { code: 'ENOSPC' })
    const ledger = new SpendLedger({
      dir: await tempDir(),
      now: clock.now,
      write: () => Promise.reject(diskFull)
    })
    await ledger.load()
    ledger.record('response:a', 0.01)
    await ledger.flushed()
    expect(ledger.problem).toMatch(/could not save.*disk is full/)
    expect(ledger.totals().todayUsd).toBe(0.01)
  })

  it('names days by the local calendar', () => {
    expect(localDay(new Date(2027, 0, 5, 0, 30))).toBe('2027-01-05')
  })
})
