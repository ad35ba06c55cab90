// Adaptive playout on a fake clock: the worklet's render clock, one 128-frame quantum per step
// (playout-sim.fixture.ts).
import { describe, expect, it } from 'vitest'
import { PlayoutPolicy, RENDER_QUANTUM_FRAMES as Q } from './playout-policy'
import {
  framesOfMs,
  jitter,
  msOfFrames,
  replies,
  reply,
  SAMPLE_RATE,
  simulate
} from './playout-sim.fixture'

describe('adaptive playout on a fake clock', () => {
  it('starts a burst at once and plays it whole', () => {
    const { items, sent, played } = simulate(reply('a', 100, 10, 100, 0))
    // The first quantum after the burst arrived (at 100 ms, mid-quantum) plays it.
    expect(items.get('a')?.firstSoundMs).toBeLessThan(msOfFrames(Q))
    expect(items.get('a')?.gaps).toBe(0)
    expect(played).toEqual(sent)
  })

  it('starts a faster-than-real-time stream (100 ms every 16.7 ms) within one quantum', () => {
    const { items, sent, played } = simulate(replies((id, at) => reply(id, at, 8, 100, 100 / 6), 3))
    for (const item of items.values()) {
      expect(item.gaps).toBe(0)
      expect(item.firstSoundMs).toBeLessThanOrEqual(msOfFrames(2 * Q))
    }
    expect(played).toEqual(sent)
  })

  it('starts paced 20 ms chunks within 25 ms, gapless after the first reply', () => {
    // Output callbacks of one and two quanta: Chromium renders for a 10 ms device period.
    for (const callbackQuanta of [1, 2]) {
      const { items, sent, played } = simulate(
        replies((id, at) => reply(id, at, 15, 20, 20), 6),
        callbackQuanta
      )
      const outcomes = [...items.values()]
      // The first reply of a session starts at once and learns from its underruns.
      expect(outcomes[0]?.gaps).toBeLessThanOrEqual(2)
      for (const item of outcomes.slice(1)) expect(item.gaps).toBe(0)
      for (const item of outcomes) expect(item.firstSoundMs).toBeLessThanOrEqual(25)
      expect(played).toEqual(sent)
    }
  })

  it('learns jittery arrivals (0–10 ms late): at most one gap, in the first reply only', () => {
    const { items, sent, played } = simulate(
      replies((id, at) => reply(id, at, 25, 20, 20, jitter(10, Number(id.slice(5)) + 3)), 6),
      2
    )
    const outcomes = [...items.values()]
    expect(outcomes[0]?.gaps).toBeLessThanOrEqual(1)
    for (const item of outcomes.slice(1)) {
      expect(item.gaps).toBe(0)
      expect(item.firstSoundMs).toBeLessThanOrEqual(30)
    }
    expect(played).toEqual(sent)
  })

  it('one late chunk costs its own reply at most one gap and delays no later reply past 25 ms', () => {
    // Reply 3 of 8 has a chunk 40 ms late (a pause of the machine); the rest are paced evenly.
    const deltas = replies(
      (id, at) => reply(id, at, 25, 20, 20, (k) => (id === 'item_3' && k === 12 ? 40 : 0)),
      8
    )
    const { items, sent, played } = simulate(deltas, 2)
    const outcomes = [...items.values()]
    expect(outcomes[3]?.gaps).toBeLessThanOrEqual(1)
    for (const item of outcomes.slice(4)) {
      expect(item.gaps).toBe(0)
      expect(item.firstSoundMs).toBeLessThanOrEqual(25)
    }
    expect(played).toEqual(sent)
  })

  it('starts within its 3-quantum margin and one callback after a busy spell; a reply as late runs dry once and keeps every sample', () => {
    // Replies 0–4 each have chunks 40 ms late (a busy machine); reply 5 too, reply 6 is on time.
    const late = (id: string): boolean => Number(id.slice(5)) <= 5
    const deltas = replies(
      (id, at) => reply(id, at, 25, 20, 20, (k) => (late(id) && k % 5 === 3 ? 40 : 0)),
      7
    )
    const { items, sent, played } = simulate(deltas, 2)
    const outcomes = [...items.values()]
    // The margin (3 quanta) plus at most one output callback (2 quanta) before the audio thread
    // takes the first chunk.
    for (const item of outcomes.slice(1))
      expect(item.firstSoundMs).toBeLessThanOrEqual(msOfFrames(5 * Q))
    // The learned lateness no longer delays the start; it is relearned within the item instead.
    expect(outcomes[5]?.gaps).toBeLessThanOrEqual(1)
    expect(outcomes[6]?.gaps).toBe(0)
    expect(played).toEqual(sent)
  })

  it('plays silence through a stall of seconds, then resumes with every sample', () => {
    const learning = reply('first', 100, 10, 20, 20)
    const before = reply('a', 1000, 10, 20, 20)
    const after = reply('a', 1000 + 200 + 3000, 10, 20, 20)
    const deltas = [...learning, ...before.map((d) => ({ ...d, last: false })), ...after]
    const { items, sent, played } = simulate(deltas)
    expect(items.get('a')?.gaps).toBe(1)
    expect(played).toEqual(sent)
  })
})

/** 30 chunks of 20 ms paced in real time from `startFrame`, chunk k arriving `lateMs(k)` late. */
function feedItem(
  policy: PlayoutPolicy,
  itemId: string,
  startFrame: number,
  lateMs: (k: number) => number
): void {
  const chunk = framesOfMs(20)
  for (let k = 0; k < 30; k++)
    policy.onArrival(itemId, chunk, startFrame + k * chunk + framesOfMs(lateMs(k)))
}

describe('PlayoutPolicy margin', () => {
  it('raises the margin on an underrun and never lowers it mid-item; one late chunk stays out of later starts', () => {
    const policy = new PlayoutPolicy({ sampleRate: SAMPLE_RATE })
    const chunk = framesOfMs(20)
    const margins: number[] = []
    let at = 0
    policy.onArrival('a', chunk, at)
    for (let k = 1; k < 30; k++) {
      // One chunk 15 ms late (the item ran dry waiting for it), the rest on time.
      at = k * chunk
      if (k === 5) policy.onUnderrun()
      policy.onArrival('a', chunk, at + (k === 5 ? framesOfMs(15) : 0))
      margins.push(policy.marginFrames)
    }
    expect(margins.every((m, i) => i === 0 || m >= (margins[i - 1] ?? 0))).toBe(true)
    const raised = margins.at(-1) ?? 0
    expect(raised).toBeGreaterThanOrEqual(framesOfMs(15))
    const onTime = (itemId: string, startFrame: number): void => {
      for (let k = 0; k < 30; k++) policy.onArrival(itemId, chunk, startFrame + k * chunk)
    }
    // The next item starts lower (the underrun's extra quantum is not carried over); the one
    // after it no longer waits for that one late chunk at all.
    onTime('b', framesOfMs(2000))
    expect(policy.marginFrames).toBeLessThan(raised)
    onTime('c', framesOfMs(4000))
    expect(policy.marginFrames).toBeLessThan(raised)
    expect(policy.marginFrames).toBeLessThanOrEqual(Q)
  })

  it('keeps lateness that recurs: two late items of the last eight set the start', () => {
    const policy = new PlayoutPolicy({ sampleRate: SAMPLE_RATE })
    for (let i = 0; i < 6; i++) {
      const lateMs = i === 1 || i === 4 ? 15 : 0
      feedItem(policy, `item_${i}`, framesOfMs(2000 * i), (k) => (k === 10 ? lateMs : 0))
    }
    feedItem(policy, 'next', framesOfMs(20_000), () => 0)
    expect(policy.marginFrames).toBeGreaterThanOrEqual(framesOfMs(15))
  })

  it('starts an item with at most 16 ms (3 quanta) whatever was learned, and raises it within', () => {
    const policy = new PlayoutPolicy({ sampleRate: SAMPLE_RATE })
    const chunk = framesOfMs(20)
    for (let i = 0; i < 8; i++)
      feedItem(policy, `item_${i}`, framesOfMs(2000 * i), (k) => (k % 3 === 1 ? 45 : 0))
    policy.onArrival('next', chunk, framesOfMs(20_000))
    expect(policy.marginFrames).toBe(3 * Q)
    // It ran dry on a chunk 5 ms late: the resume waits for the whole margin learned (45 ms).
    policy.onUnderrun()
    policy.onArrival('next', chunk, framesOfMs(20_000) + chunk + framesOfMs(5))
    expect(policy.marginFrames).toBeGreaterThanOrEqual(framesOfMs(45))
  })

  it('caps the margin at 60 ms however long a stall', () => {
    const policy = new PlayoutPolicy({ sampleRate: SAMPLE_RATE })
    policy.onArrival('a', 480, 0)
    policy.onUnderrun()
    policy.onArrival('a', 480, framesOfMs(5000))
    expect(policy.marginFrames).toBe(framesOfMs(60))
  })
})
