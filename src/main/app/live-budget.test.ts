// The monthly budget on GPT-Live (live-budget.ts through the SpendService), with a fake clock and
// fake usage figures: GPT-Live's seconds count as they are reported, 80 % warns, 100 % mutes and
// asks, a muted session is ended after a minute, and a Connect over budget asks first.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../shared/settings'
import type { SpendStatus } from '../../shared/spend-ipc'
import { ManualTimers } from '../../../test/doubles/manual-timers'
import { SpendLedger } from '../usage/spend-ledger'
import { LIVE_CONNECT_REFUSAL, LIVE_HOLD_LIMIT_MS } from './live-budget'
import { SpendService } from './spend-service'

async function setup(budgetUsd: number): Promise<{
  spend: SpendService
  settings: { monthlyBudgetUsd: number | null }
  shown: SpendStatus[]
  calls: string[]
  live: { runningUsd: number; open: boolean }
  timers: ManualTimers
}> {
  const settings = { ...defaultSettings(), monthlyBudgetUsd: budgetUsd }
  const shown: SpendStatus[] = []
  const calls: string[] = []
  const live = { runningUsd: 0, open: true }
  const timers = new ManualTimers()
  const spend = new SpendService({
    ledger: new SpendLedger({
      dir: await mkdtemp(join(tmpdir(), 'hark-live-budget-')),
      now: () => new Date(2026, 10, 30, 12, 0)
    }),
    readSettings: () => Promise.resolve(settings),
    broadcast: (status) => shown.push(status),
    session: () => ({
      respondNow: () => calls.push('respondNow'),
      setAutoRespond: () => undefined
    }),
    live: {
      engines: {
        runningCostUsd: () => live.runningUsd,
        isOpen: () => live.open,
        setBudgetHold: (held) => calls.push(`hold:${held}`)
      },
      connect: () => {
        calls.push('connect')
        return Promise.resolve()
      },
      disconnect: () => {
        calls.push('disconnect')
        live.open = false
        return Promise.resolve()
      }
    },
    setTimer: (callback, ms) => {
      const handle = timers.set(callback, ms)
      return () => timers.clear(handle)
    },
    log: () => undefined
  })
  await spend.ready()
  return { spend, settings, shown, calls, live, timers }
}

const turnCost = (responseId: string, costUsd: number): Parameters<SpendService['onEvent']>[0] => ({
  type: 'turn_metrics',
  responseId,
  itemIds: [],
  model: 'gpt-live-1.1',
  usage: null,
  responseCostUsd: costUsd,
  transcriptionCostUsd: 0,
  costUsd,
  latency: null
})

describe('the monthly budget on GPT-Live', () => {
  it('counts the open session’s seconds as reported: 80 % warns, 100 % mutes and asks at once', async () => {
    const { spend, shown, calls, live } = await setup(0.1)
    live.runningUsd = 0.085
    spend.liveCostChanged()
    expect(shown.at(-1)).toMatchObject({ monthUsd: 0.085, todayUsd: 0.085, level: 'warning' })
    expect(calls).toEqual([])
    live.runningUsd = 0.1
    spend.liveCostChanged()
    expect(shown.at(-1)).toMatchObject({ level: 'over', held: true, liveHold: 'muted' })
    expect(calls).toEqual(['hold:true'])
    // Push-to-talk key-ups are not held on top: the hold is GPT-Live's budget.
    expect(spend.admitResponse()).toBe(true)
  })

  it('Continue this once lets the conversation go on until it ends; the next session asks again', async () => {
    const { spend, shown, calls, live } = await setup(0.1)
    live.runningUsd = 0.12
    spend.liveCostChanged()
    expect(spend.continueOnce()).toMatchObject({ held: false })
    expect(shown.at(-1)?.liveHold).toBe('continued')
    live.runningUsd = 0.3
    spend.liveCostChanged()
    expect(calls).toEqual(['hold:true', 'hold:false'])
    expect(spend.liveConnectRefusal()).toBeNull()
    // The conversation ends (Disconnect): the next Connect asks first.
    live.open = false
    spend.onEvent({ type: 'status', status: 'disconnected' })
    expect(spend.liveConnectRefusal()).toBe(LIVE_CONNECT_REFUSAL)
    expect(shown.at(-1)).toMatchObject({ held: true, liveHold: 'not_connected' })
  })

  it('ends a muted session left unanswered for a minute, and Continue then reconnects', async () => {
    const { spend, shown, calls, live, timers } = await setup(0.1)
    live.runningUsd = 0.1
    spend.liveCostChanged()
    timers.advance(LIVE_HOLD_LIMIT_MS - 1)
    expect(calls).toEqual(['hold:true'])
    timers.advance(1)
    await Promise.resolve()
    expect(calls).toEqual(['hold:true', 'disconnect'])
    spend.onEvent({ type: 'status', status: 'disconnected' })
    await new Promise((resolve) => setImmediate(resolve))
    expect(calls).toEqual(['hold:true', 'disconnect', 'hold:false'])
    expect(shown.at(-1)).toMatchObject({ held: true, liveHold: 'not_connected' })
    spend.continueOnce()
    expect(calls.at(-1)).toBe('connect')
    expect(spend.liveConnectRefusal()).toBeNull()
  })

  it('a Connect over budget asks first, and raising the budget connects', async () => {
    const { spend, settings, shown, calls, live } = await setup(0.1)
    live.open = false
    spend.onEvent(turnCost('live_1', 0.1))
    expect(spend.liveConnectRefusal()).toBe(LIVE_CONNECT_REFUSAL)
    // The refused engine's own `disconnected` keeps the question open.
    spend.onEvent({ type: 'status', status: 'disconnected' })
    expect(shown.at(-1)).toMatchObject({ held: true, liveHold: 'not_connected' })
    settings.monthlyBudgetUsd = 1
    await spend.settingsChanged()
    expect(calls).toEqual(['hold:false', 'connect'])
    expect(shown.at(-1)).toMatchObject({ level: 'ok', held: false })
  })

  it('raising the budget unmutes a held session; lowering it under the spend holds it again', async () => {
    const { spend, settings, calls, live } = await setup(0.1)
    live.runningUsd = 0.1
    spend.liveCostChanged()
    settings.monthlyBudgetUsd = 1
    await spend.settingsChanged()
    settings.monthlyBudgetUsd = 0.05
    await spend.settingsChanged()
    expect(calls).toEqual(['hold:true', 'hold:false', 'hold:true'])
  })

  it('charging a turn moves the running seconds into the record without counting them twice', async () => {
    const { spend, shown, live } = await setup(1)
    live.runningUsd = 0.04
    spend.liveCostChanged()
    live.runningUsd = 0
    spend.onEvent(turnCost('live_1', 0.04))
    expect(shown.map((s) => s.monthUsd)).toEqual([0.04, 0.04])
  })
})
