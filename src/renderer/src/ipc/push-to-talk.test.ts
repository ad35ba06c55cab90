import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HarkApi } from '../../../shared/ipc'
import type { CaptureEngine } from '../audio/capture-engine'
import type { PlaybackEngine } from '../audio/playback-engine'
import { usePlayback } from '../stores/playback'
import { createPushToTalk, MICROPHONE_CLOSE_DELAY_MS } from './push-to-talk'

function setup(): {
  sent: string[]
  closes: () => number
  ptt: ReturnType<typeof createPushToTalk>
} {
  const sent: string[] = []
  const hark = {
    ptt: {
      down: () => sent.push('ptt.down'),
      up: () => sent.push('ptt.up'),
      cancel: () => sent.push('ptt.cancel')
    }
  } as unknown as HarkApi
  const capture = {
    open: () => Promise.resolve(),
    talk: () => sent.push('talk'),
    stopTalking: () => sent.push('stop'),
    finishTalking: () => Promise.resolve()
  } as unknown as CaptureEngine
  let closed = 0
  const ptt = createPushToTalk(hark, capture, {} as PlaybackEngine, () => closed++)
  return { sent, closes: () => closed, ptt }
}

describe('push-to-talk release', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends ptt.up at once and closes the microphone only after it has gone', async () => {
    const { sent, closes, ptt } = setup()
    ptt.press()
    await vi.advanceTimersByTimeAsync(0)
    ptt.release()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual(['ptt.down', 'talk', 'stop', 'ptt.up'])
    // The microphone is still open while the commit goes out (the key-up budget).
    expect(closes()).toBe(0)
    await vi.advanceTimersByTimeAsync(MICROPHONE_CLOSE_DELAY_MS - 1)
    expect(closes()).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(closes()).toBe(1)
  })

  it('a hotkey release flushes, sends ptt.up, then closes the microphone after the delay', async () => {
    const { sent, closes, ptt } = setup()
    ptt.press()
    await vi.advanceTimersByTimeAsync(0)
    ptt.release({ flush: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(sent.at(-1)).toBe('ptt.up')
    expect(closes()).toBe(0)
    await vi.advanceTimersByTimeAsync(MICROPHONE_CLOSE_DELAY_MS)
    expect(closes()).toBe(1)
  })
})

describe('push-to-talk barge-in', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    usePlayback.setState({ state: 'playing' })
  })
  afterEach(() => {
    vi.useRealTimers()
    usePlayback.setState({ state: 'idle' })
  })

  /** A press that is still opening the microphone (a slow device) when the next one comes. */
  function setupSlowMicrophone(): {
    sent: string[]
    opened: () => void
    ptt: ReturnType<typeof createPushToTalk>
  } {
    const sent: string[] = []
    const pending: (() => void)[] = []
    const hark = {
      ptt: {
        down: () => sent.push('ptt.down'),
        up: () => sent.push('ptt.up'),
        cancel: () => sent.push('ptt.cancel')
      },
      session: { interrupt: () => Promise.resolve(void sent.push('interrupt')) }
    } as unknown as HarkApi
    const capture = {
      open: () => new Promise<void>((resolve) => pending.push(resolve)),
      talk: () => sent.push('talk'),
      stopTalking: () => sent.push('stop'),
      finishTalking: () => Promise.resolve()
    } as unknown as CaptureEngine
    const playback = {
      flush: () => Promise.resolve(void sent.push('flush')).then(() => [])
    } as unknown as PlaybackEngine
    const ptt = createPushToTalk(hark, capture, playback, () => undefined)
    return { sent, opened: () => pending.shift()?.(), ptt }
  }

  it('flushes at the press, not behind a press still opening the microphone', async () => {
    const { sent, opened, ptt } = setupSlowMicrophone()
    ptt.press()
    await vi.advanceTimersByTimeAsync(0)
    ptt.release()
    ptt.press()
    // The second press silenced the reply before the first one's steps were done.
    expect(sent).toEqual(['flush', 'ptt.down', 'flush'])
    opened()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual(['flush', 'ptt.down', 'flush', 'talk', 'stop', 'ptt.up', 'ptt.down'])
  })

  it('a press released before its turn came stops what it silenced, as Stop speaking does', async () => {
    const { sent, opened, ptt } = setupSlowMicrophone()
    ptt.press()
    await vi.advanceTimersByTimeAsync(0)
    ptt.release()
    ptt.press()
    ptt.release()
    opened()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual(['flush', 'ptt.down', 'flush', 'stop', 'ptt.up', 'interrupt'])
  })
})
