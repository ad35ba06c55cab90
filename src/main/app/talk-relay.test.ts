// Push-to-talk through main's core (issue 13): the global hotkey's key-up commits in main, the
// window's final chunks before it are kept and later ones dropped; a press or a typed message
// while disconnected connects, and the audio said meanwhile reaches the session in order.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHarness, type Harness } from '../../../test/doubles/hark-main-harness'
import { FakeHotkey } from '../../../test/doubles/fake-hotkey'
import { userItem } from '../../../test/doubles/conversation-items'
import { FLUSH_WAIT_MS, MAX_PENDING_AUDIO_BYTES } from './talk-relay'

const KEY = 'sk-test-0123456789abcdef'

/** A chunk whose size says which one it is (sizes are what the fake controller records). */
const chunk = (n: number): Uint8Array => new Uint8Array(2 * n)

const methods = (h: Harness): string[] =>
  h.controller().calls.map((c) => (c.method === 'appendAudio' ? `append:${c.bytes / 2}` : c.method))

async function connectedWithHotkey(): Promise<{ h: Harness; hotkey: FakeHotkey }> {
  const hotkey = new FakeHotkey()
  const h = await createHarness({ OPENAI_API_KEY: KEY }, { hotkey })
  await h.router.handleInvoke('session.start', undefined)
  return { h, hotkey }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('global hotkey key-up commits in main', () => {
  it('asks the window to flush and commits on its final chunk marker, once', async () => {
    const { h, hotkey } = await connectedWithHotkey()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    hotkey.fire({ type: 'talkStart' })
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk(1))
    hotkey.fire({ type: 'talkEnd' })
    // The window is told to end its turn; nothing is committed before its last chunk.
    expect(h.emitted.filter((e) => e.channel.startsWith('hotkey.')).map((e) => e.channel)).toEqual([
      'hotkey.talkStart',
      'hotkey.talkEnd'
    ])
    expect(methods(h)).not.toContain('commitUserTurn')
    h.router.handleSend('audio.append', chunk(2))
    h.router.handleSend('ptt.up', undefined)
    vi.advanceTimersByTime(FLUSH_WAIT_MS * 2)
    expect(methods(h)).toEqual(['start', 'interrupt', 'append:1', 'append:2', 'commitUserTurn'])
  })

  it('commits after the bounded wait when the window is silent, and drops what comes later', async () => {
    const { h, hotkey } = await connectedWithHotkey()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk(1))
    hotkey.fire({ type: 'talkEnd' })
    vi.advanceTimersByTime(FLUSH_WAIT_MS - 1)
    expect(methods(h)).not.toContain('commitUserTurn')
    vi.advanceTimersByTime(1)
    expect(methods(h).at(-1)).toBe('commitUserTurn')
    // A late window: its chunks and its ptt.up never reach the session after the commit.
    h.router.handleSend('audio.append', chunk(2))
    h.router.handleSend('audio.append', chunk(3))
    h.router.handleSend('ptt.up', undefined)
    expect(methods(h)).toEqual(['start', 'interrupt', 'append:1', 'commitUserTurn'])
    expect(h.logs.find((l) => l.message === 'talk: dropped microphone chunks')?.data).toEqual({
      late: 2,
      overCap: 0
    })
    // The next press streams again.
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk(4))
    expect(methods(h).slice(-2)).toEqual(['interrupt', 'append:4'])
  })

  it("the tray's Talk ends a turn the same way", async () => {
    const { h } = await connectedWithHotkey()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    h.router.talk.toggleTalk()
    h.router.handleSend('ptt.down', undefined)
    h.router.talk.toggleTalk()
    vi.advanceTimersByTime(FLUSH_WAIT_MS)
    expect(methods(h).at(-1)).toBe('commitUserTurn')
  })
})

describe('connect on demand', () => {
  it('a press while disconnected connects; audio said meanwhile is sent in order, then the commit', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    h.router.handleSend('ptt.down', undefined)
    for (let n = 1; n <= 3; n++) h.router.handleSend('audio.append', chunk(n))
    h.router.handleSend('ptt.up', undefined)
    await vi.waitFor(() => expect(methods(h).at(-1)).toBe('commitUserTurn'))
    expect(h.controllers).toHaveLength(1)
    expect(methods(h)).toEqual([
      'start',
      'interrupt',
      'append:1',
      'append:2',
      'append:3',
      'commitUserTurn'
    ])
  })

  it('the held words follow the replayed conversation after an earlier session', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.start', undefined)
    h.controller().emit({ type: 'history', items: [userItem('item_1', 'Earlier words')] })
    await h.router.handleInvoke('session.stop', undefined)
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk(1))
    h.router.handleSend('ptt.up', undefined)
    await vi.waitFor(() => expect(methods(h).at(-1)).toBe('commitUserTurn'))
    expect(h.controllers).toHaveLength(2)
    expect(methods(h)).toEqual(['start', 'seedHistory', 'interrupt', 'append:1', 'commitUserTurn'])
  })

  it('keeps at most the cap while connecting and counts what it drops', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    h.router.handleSend('ptt.down', undefined)
    const second = new Uint8Array(48_000)
    const fit = MAX_PENDING_AUDIO_BYTES / second.byteLength
    for (let n = 0; n < fit + 2; n++) h.router.handleSend('audio.append', second)
    h.router.handleSend('ptt.up', undefined)
    await vi.waitFor(() => expect(methods(h).at(-1)).toBe('commitUserTurn'))
    expect(methods(h).filter((m) => m.startsWith('append'))).toHaveLength(fit)
    expect(h.logs.find((l) => l.message === 'talk: dropped microphone chunks')?.data).toEqual({
      late: 0,
      overCap: 2
    })
  })

  it('a failed connect drops the held audio and sends nothing later', async () => {
    const h = await createHarness()
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk(1))
    await vi.waitFor(() =>
      expect(h.logs.map((l) => l.message)).toContain(
        'talk: dropped the audio held for a session that did not open'
      )
    )
    h.router.handleSend('ptt.up', undefined)
    expect(methods(h)).toEqual(['start'])
  })

  it('a typed message while disconnected connects and is sent', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('session.sendText', { text: 'Hello there' })
    expect(methods(h)).toEqual(['start', 'sendText'])
  })

  it('Connect and a press at once open one session', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const connect = h.router.handleInvoke('session.start', undefined)
    h.router.handleSend('ptt.down', undefined)
    h.router.handleSend('audio.append', chunk(1))
    await connect
    await vi.waitFor(() => expect(methods(h)).toContain('append:1'))
    expect(h.controllers).toHaveLength(1)
  })
})
