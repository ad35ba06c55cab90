import { describe, expect, it } from 'vitest'
import { ManualTimers } from '../../../test/doubles/manual-timers'
import { jpegHeaderOnly } from '../../../test/doubles/jpeg-header'
import { checkScreenJpeg } from './jpeg-info'
import { ScreenLook, type ScreenLookMessage } from './screen-look'

interface Harness {
  look: ScreenLook
  sent: string[]
  messages: ScreenLookMessage[]
  timers: ManualTimers
  requested: () => string[]
}

function harness(options: { connected?: boolean; window?: boolean } = {}): Harness {
  const timers = new ManualTimers()
  const sent: string[] = []
  const messages: ScreenLookMessage[] = []
  let ids = 0
  const look = new ScreenLook({
    sendImage: (dataUrl) => {
      if (options.connected === false) return false
      sent.push(dataUrl)
      return true
    },
    broadcast: (message) => messages.push(message),
    hasWindow: () => options.window !== false,
    log: () => undefined,
    setTimer: (callback, ms) => {
      const handle = timers.set(callback, ms)
      return () => timers.clear(handle)
    },
    captureTimeoutMs: 20_000,
    newRequestId: () => `req${++ids}`
  })
  const requested = (): string[] =>
    messages.flatMap((m) => (m.channel === 'screen.captureRequested' ? [m.payload.requestId] : []))
  return { look, sent, messages, timers, requested }
}

describe('screen look: the JPEG check', () => {
  it('reads the size of a JPEG up to 1280 pixels on the long side', () => {
    expect(checkScreenJpeg(jpegHeaderOnly(1280, 720))).toEqual({
      ok: true,
      width: 1280,
      height: 720
    })
    expect(checkScreenJpeg(jpegHeaderOnly(720, 1280))).toMatchObject({ ok: true })
  })

  it.each([
    ['a PNG', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), /not a JPEG/],
    ['a cut JPEG', jpegHeaderOnly(640, 480, { end: false }), /cut short/],
    ['a JPEG wider than 1280 px', jpegHeaderOnly(1920, 1080), /1920 × 1080.*at most 1280/],
    ['a JPEG of no size', jpegHeaderOnly(0, 480), /no readable image size/],
    ['only the markers', Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]), /no readable image size/]
  ])('refuses %s', (_name, bytes, problem) => {
    const check = checkScreenJpeg(bytes)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.problem).toMatch(problem)
  })
})

describe('screen look: the window’s button', () => {
  it('keeps the capture until the next message, then sends it once', () => {
    const h = harness()
    expect(h.look.attach(jpegHeaderOnly(1280, 720))).toEqual({
      width: 1280,
      height: 720,
      byteLength: jpegHeaderOnly(1280, 720).byteLength
    })
    expect(h.sent).toEqual([])
    expect(h.messages.at(-1)).toMatchObject({
      channel: 'screen.attachmentChanged',
      payload: { pending: { width: 1280 } }
    })
    h.look.sendPendingWithMessage()
    expect(h.sent).toHaveLength(1)
    expect(h.sent[0]).toMatch(/^data:image\/jpeg;base64,\/9j\//)
    expect(h.messages.at(-1)).toMatchObject({ payload: { pending: null } })
    h.look.sendPendingWithMessage()
    expect(h.sent).toHaveLength(1)
  })

  it('sends nothing after the remove button', () => {
    const h = harness()
    h.look.attach(jpegHeaderOnly(800, 600))
    expect(h.look.discard()).toEqual({ pending: null, problem: null })
    h.look.sendPendingWithMessage()
    expect(h.sent).toEqual([])
  })

  it('keeps the capture while no session is open', () => {
    const h = harness({ connected: false })
    h.look.attach(jpegHeaderOnly(800, 600))
    h.look.sendPendingWithMessage()
    expect(h.look.pending).toMatchObject({ width: 800 })
  })

  it('refuses a bad capture and keeps the one it had', () => {
    const h = harness()
    h.look.attach(jpegHeaderOnly(800, 600))
    expect(() => h.look.attach(jpegHeaderOnly(2560, 1440))).toThrow(/at most 1280/)
    expect(h.look.pending).toMatchObject({ width: 800 })
  })
})

describe('screen look: the look_at_screen tool', () => {
  it('asks the window, sends the capture at once and says so', async () => {
    const h = harness()
    const result = h.look.captureForTool()
    expect(h.requested()).toEqual(['req1'])
    h.look.attach(jpegHeaderOnly(1024, 640), 'req1')
    await expect(result).resolves.toBe(
      "The user's screen (1024 × 640 pixels) is now in the conversation, just before this result."
    )
    expect(h.sent).toHaveLength(1)
    expect(h.look.pending).toBeNull()
  })

  it('says why when the window cannot capture', async () => {
    const h = harness()
    const result = h.look.captureForTool()
    h.look.captureFailed('req1', 'the user cancelled the capture.')
    await expect(result).resolves.toBe(
      'Hark could not look at the screen: the user cancelled the capture.'
    )
    expect(h.sent).toEqual([])
  })

  it('gives up when the window does not answer', async () => {
    const h = harness()
    const result = h.look.captureForTool()
    h.timers.advance(20_000)
    await expect(result).resolves.toMatch(/did not capture it within 20 seconds/)
    expect(() => h.look.attach(jpegHeaderOnly(640, 480), 'req1')).toThrow(/no longer wanted/)
  })

  it('says so at once without a window', async () => {
    const h = harness({ window: false })
    await expect(h.look.captureForTool()).resolves.toMatch(/no Hark window is open/)
    expect(h.requested()).toEqual([])
  })

  it('stops waiting when the call is stopped', async () => {
    const h = harness()
    const stop = new AbortController()
    const result = h.look.captureForTool(stop.signal)
    stop.abort()
    await expect(result).resolves.toMatch(/it was stopped/)
  })
})

describe('screen look: the tray', () => {
  it('asks the window and keeps its capture for the next message', () => {
    const h = harness()
    h.look.requestAttach()
    h.look.attach(jpegHeaderOnly(1280, 800), 'req1')
    expect(h.sent).toEqual([])
    expect(h.look.pending).toMatchObject({ width: 1280, height: 800 })
  })
})
