import { describe, expect, it } from 'vitest'
import { ManualTimers } from '../../../test/doubles/manual-timers'
import type { HeldItem, HeldOutcome } from './truncation-hold'
import { TruncationHold } from './truncation-hold'

const item = (overrides: Partial<HeldItem> = {}): HeldItem => ({
  itemId: 'item_a',
  contentIndex: 0,
  generatedMs: 2000,
  generationDone: false,
  playedMs: 900,
  ...overrides
})

function setup(): { hold: TruncationHold; timers: ManualTimers; outcomes: HeldOutcome[] } {
  const timers = new ManualTimers()
  const outcomes: HeldOutcome[] = []
  const hold = new TruncationHold({
    onResolved: (outcome) => outcomes.push(outcome),
    timers,
    timeoutMs: 150,
    settleMs: 40
  })
  return { hold, timers, outcomes }
}

const sent = (outcomes: HeldOutcome[]): unknown[] =>
  outcomes.map(({ item: { itemId }, decision, cause }) => ({ itemId, decision, cause }))

describe('TruncationHold', () => {
  it('waits for the renderer: a final report resolves at once, floored, exactly once', () => {
    const { hold, timers, outcomes } = setup()
    hold.hold(item())
    expect(outcomes).toEqual([])
    expect(hold.report('item_a', 926.66, true)).toBe(true)
    expect(sent(outcomes)).toEqual([
      {
        itemId: 'item_a',
        decision: { truncate: true, audioEndMs: 926 },
        cause: 'final_report'
      }
    ])
    expect(timers.active).toBe(0)
    expect(hold.report('item_a', 990, true)).toBe(false)
    timers.advance(1000)
    expect(outcomes).toHaveLength(1)
  })

  it('an unmarked report settles after a quiet period, keeping the later flush report', () => {
    const { hold, timers, outcomes } = setup()
    hold.hold(item())
    // A periodic tick that was in flight when main interrupted, then the flush reply.
    timers.advance(2)
    hold.report('item_a', 953.3)
    timers.advance(30)
    expect(outcomes).toEqual([])
    hold.report('item_a', 958.66)
    timers.advance(39)
    expect(outcomes).toEqual([])
    timers.advance(1)
    expect(sent(outcomes)).toEqual([
      { itemId: 'item_a', decision: { truncate: true, audioEndMs: 958 }, cause: 'settled' }
    ])
    expect(timers.active).toBe(0)
  })

  it('never moves back: a stale lower report does not lower the position', () => {
    const { hold, outcomes } = setup()
    hold.hold(item())
    hold.report('item_a', 958)
    hold.report('item_a', 940, true)
    expect(outcomes[0]?.decision).toEqual({ truncate: true, audioEndMs: 958 })
  })

  it('on timeout uses the last report before the interrupt, and none without one', () => {
    const { hold, timers, outcomes } = setup()
    hold.hold(item({ playedMs: 912.5 }))
    timers.advance(149)
    expect(outcomes).toEqual([])
    timers.advance(1)
    expect(sent(outcomes)).toEqual([
      { itemId: 'item_a', decision: { truncate: true, audioEndMs: 912 }, cause: 'timeout' }
    ])
    hold.hold(item({ itemId: 'item_b', playedMs: undefined }))
    timers.advance(150)
    expect(outcomes[1]).toMatchObject({
      decision: { truncate: false, reason: 'nothing_played' },
      cause: 'timeout'
    })
    expect(timers.active).toBe(0)
  })

  it('never truncates past the audio generated for the item', () => {
    const { hold, outcomes } = setup()
    hold.hold(item({ generatedMs: 950.4 }))
    hold.report('item_a', 1200, true)
    expect(outcomes[0]?.decision).toEqual({ truncate: true, audioEndMs: 950 })
  })

  it('ignores reports of other items', () => {
    const { hold, timers, outcomes } = setup()
    hold.hold(item())
    expect(hold.report('item_other', 1500, true)).toBe(false)
    expect(outcomes).toEqual([])
    timers.advance(150)
    expect(outcomes[0]?.decision).toEqual({ truncate: true, audioEndMs: 900 })
  })

  it('resolves a fully heard item at once, to no truncate', () => {
    const { hold, timers, outcomes } = setup()
    hold.hold(item({ generationDone: true, generatedMs: 1800, playedMs: 1800 }))
    expect(sent(outcomes)).toEqual([
      {
        itemId: 'item_a',
        decision: { truncate: false, reason: 'fully_heard' },
        cause: 'final_report'
      }
    ])
    expect(hold.itemId).toBeUndefined()
    expect(timers.active).toBe(0)
  })

  it('learns that generation finished after the interrupt, unless more audio came', () => {
    const { hold, outcomes } = setup()
    hold.hold(item({ generatedMs: 1800 }))
    hold.noteGenerationDone('item_a')
    hold.report('item_a', 1800, true)
    expect(outcomes[0]?.decision).toEqual({ truncate: false, reason: 'fully_heard' })

    hold.hold(item({ generatedMs: 1800 }))
    hold.noteLateAudio('item_a')
    hold.noteGenerationDone('item_a')
    hold.report('item_a', 1800, true)
    // The server holds audio the renderer never got: cut it off at what was heard.
    expect(outcomes[1]?.decision).toEqual({ truncate: true, audioEndMs: 1800 })
  })

  it('a new hold or resolveNow sends what is held with the best known position', () => {
    const { hold, timers, outcomes } = setup()
    hold.hold(item())
    hold.report('item_a', 930)
    hold.hold(item({ itemId: 'item_b', playedMs: 100 }))
    expect(sent(outcomes)).toEqual([
      { itemId: 'item_a', decision: { truncate: true, audioEndMs: 930 }, cause: 'superseded' }
    ])
    expect(hold.itemId).toBe('item_b')
    hold.resolveNow()
    expect(outcomes[1]).toMatchObject({ item: { itemId: 'item_b' }, cause: 'superseded' })
    hold.resolveNow()
    expect(outcomes).toHaveLength(2)
    expect(timers.active).toBe(0)
  })

  it('cancel drops what is held without sending and clears its timers', () => {
    const { hold, timers, outcomes } = setup()
    hold.hold(item())
    hold.report('item_a', 930)
    expect(timers.active).toBe(2)
    hold.cancel()
    expect(timers.active).toBe(0)
    timers.advance(1000)
    expect(hold.report('item_a', 950, true)).toBe(false)
    expect(outcomes).toEqual([])
  })
})
