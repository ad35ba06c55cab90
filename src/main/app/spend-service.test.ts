import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultSettings, settingsPatchSchema, type Settings } from '../../shared/settings'
import type { SpendStatus } from '../../shared/spend-ipc'
import type { TurnMetrics } from '../../shared/turn-metrics'
import { budgetLevel } from '../usage/budget'
import { SpendLedger } from '../usage/spend-ledger'
import { SpendService } from './spend-service'

const metrics = (responseId: string, responseCostUsd: number | null): TurnMetrics => ({
  responseId,
  itemIds: [],
  model: 'gpt-realtime-2.1',
  usage: null,
  responseCostUsd,
  transcriptionCostUsd: 0,
  costUsd: responseCostUsd,
  latency: null
})

async function setup(budgetUsd: number | null): Promise<{
  spend: SpendService
  settings: Settings
  shown: SpendStatus[]
  calls: string[]
}> {
  const settings = { ...defaultSettings(), monthlyBudgetUsd: budgetUsd }
  const shown: SpendStatus[] = []
  const calls: string[] = []
  const spend = new SpendService({
    ledger: new SpendLedger({
      dir: await mkdtemp(join(tmpdir(), 'hark-spend-')),
      now: () => new Date(2026, 10, 30, 12, 0)
    }),
    readSettings: () => Promise.resolve(settings),
    broadcast: (status) => shown.push(status),
    session: () => ({
      respondNow: () => calls.push('respondNow'),
      setAutoRespond: (on) => calls.push(`autoRespond:${on}`)
    }),
    log: () => undefined
  })
  await spend.ready()
  return { spend, settings, shown, calls }
}

describe('monthly budget', () => {
  it('warns from 80 % and stops at 100 %', () => {
    expect(budgetLevel(0.79, 1)).toBe('ok')
    expect(budgetLevel(0.8, 1)).toBe('warning')
    expect(budgetLevel(1, 1)).toBe('over')
    expect(budgetLevel(1000, null)).toBe('none')
  })

  it('a budget of 0, a negative one or not a number is refused with a clear message', () => {
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, '5']) {
      const parsed = settingsPatchSchema.safeParse({ monthlyBudgetUsd: bad })
      expect(parsed.success).toBe(false)
      expect(parsed.error?.issues[0]?.message).toMatch(/above 0.*empty for no budget/)
    }
    expect(settingsPatchSchema.parse({ monthlyBudgetUsd: null })).toEqual({
      monthlyBudgetUsd: null
    })
  })

  it('counts every turn, and over budget holds the next response until the user continues', async () => {
    const { spend, shown, calls } = await setup(0.01)
    expect(spend.admitResponse()).toBe(true)
    spend.onEvent({ type: 'turn_metrics', ...metrics('resp_1', 0.009) })
    expect(shown.at(-1)).toMatchObject({ todayUsd: 0.009, level: 'warning', held: false })
    spend.onEvent({ type: 'turn_metrics', ...metrics('resp_2', 0.002) })
    expect(shown.at(-1)).toMatchObject({ monthUsd: 0.011, level: 'over' })
    // Crossing the budget turns the hands-free VAD's own responses off.
    expect(calls).toEqual(['autoRespond:false'])
    expect(spend.admitResponse()).toBe(false)
    expect(shown.at(-1)?.held).toBe(true)
    expect(spend.continueOnce().held).toBe(false)
    expect(calls).toEqual(['autoRespond:false', 'respondNow'])
    // Once only: the next turn asks again.
    expect(spend.admitResponse()).toBe(false)
  })

  it('raising the budget releases the held turn and lets the VAD answer again', async () => {
    const { spend, settings, calls } = await setup(0.01)
    spend.onEvent({ type: 'turn_metrics', ...metrics('resp_1', 0.02) })
    expect(spend.autoRespond()).toBe(false)
    expect(spend.admitResponse()).toBe(false)
    settings.monthlyBudgetUsd = 5
    await spend.settingsChanged()
    expect(calls).toEqual(['autoRespond:false', 'respondNow', 'autoRespond:true'])
    expect((await spend.status()).level).toBe('ok')
    expect(spend.admitResponse()).toBe(true)
  })

  it('a hands-free turn over budget is held when the VAD ends it', async () => {
    const { spend, shown } = await setup(0.01)
    spend.onEvent({ type: 'turn_metrics', ...metrics('resp_1', 0.02) })
    spend.onEvent({ type: 'speech_stopped', itemId: 'item_1' })
    expect(shown.at(-1)?.held).toBe(true)
  })

  it('a turn without a price counts nothing rather than a guess', async () => {
    const { spend } = await setup(null)
    spend.onEvent({ type: 'turn_metrics', ...metrics('resp_1', null) })
    expect((await spend.status()).todayUsd).toBe(0)
  })
})
