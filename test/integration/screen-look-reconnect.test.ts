// A screen look survives the end of a server session: the server forgets everything when a socket
// ends (reference §7, no resume), so after a drop the new session must get the picture again, as
// an `input_image` the API can decode, or the model silently forgets what it was shown. The
// session manager, ScreenLook and the real controller (SDK, `ws`) against the strict fake.
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { SessionManager } from '../../src/main/app/session-manager'
import { RealtimeController } from '../../src/main/realtime/controller'
import { ScreenLook } from '../../src/main/screen/screen-look'
import { defaultSettings } from '../../src/shared/settings'
import type { FakeRealtimeOptions, FakeRealtimeServer, FakeTurn } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

/** The "model" says how many pictures its context holds. */
function pictureReply(turn: FakeTurn): string {
  const pictures = turn.items.flatMap((item) =>
    item.type === 'message' ? item.content.filter((part) => part.type === 'input_image') : []
  )
  return `Answer to ${turn.userText ?? turn.trigger}: I see ${pictures.length} picture(s).`
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function until(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

const answers = (server: FakeRealtimeServer): string[] =>
  server.responses.filter((r) => r.status === 'completed').map((r) => r.text)

interface Run {
  server: FakeRealtimeServer
  manager: SessionManager
  look: ScreenLook
  statuses: string[]
  logs: string[]
  jpeg: Buffer
}

async function setup(options: Partial<FakeRealtimeOptions> = {}): Promise<Run> {
  const server = await startFakeRealtimeServer({ speed: 0, reply: pictureReply, ...options })
  cleanups.push(() => server.close())
  // A look sent with the next message: ScreenLook hands it to the session manager.
  const look: ScreenLook = new ScreenLook({
    sendImage: (dataUrl) => manager.sendImage(dataUrl),
    broadcast: () => undefined,
    hasWindow: () => true,
    log: () => undefined
  })
  const statuses: string[] = []
  const logs: string[] = []
  const manager: SessionManager = new SessionManager({
    env: { OPENAI_API_KEY: FAKE_API_KEY, OPENAI_REALTIME_URL: server.url },
    readSettings: () => Promise.resolve({ ...defaultSettings(), turnDetection: 'none' }),
    readKey: () => Promise.resolve(null),
    createController: (config) => new RealtimeController(config),
    beforeUserMessage: () => look.sendPendingWithMessage(),
    onEvent: (event) => {
      if (event.type === 'status') statuses.push(event.status)
    },
    log: (_level, message) => logs.push(message),
    random: () => 0
  })
  cleanups.push(() => manager.stop())
  await manager.start()
  const jpeg = await sharp({
    create: { width: 1280, height: 720, channels: 3, background: '#2f5fd0' }
  })
    .jpeg({ quality: 80 })
    .toBuffer()
  return { server, manager, look, statuses, logs, jpeg }
}

/** Sends `text` and waits for its answer (found by its words: a preamble may come first). */
async function ask(run: Run, text: string): Promise<string> {
  run.manager.sendText(text)
  const mine = (): string | undefined =>
    answers(run.server).find((answer) => answer.startsWith(`Answer to ${text}`))
  await until(() => mine() !== undefined, `the answer to ${text}`)
  return mine() ?? ''
}

/** The new session got the one picture again, whole: the fake decodes it. */
async function expectPictureReplayed(run: Run): Promise<void> {
  const images = await run.server.inputImages()
  expect(images.map((image) => image.connectionIndex)).toEqual([0, 1])
  const [first, replayed] = images
  expect(replayed).toMatchObject({
    format: 'jpeg',
    width: 1280,
    height: 720,
    byteLength: run.jpeg.byteLength,
    itemId: first?.itemId
  })
}

describe('a screen look after the server session ends', () => {
  it('a dropped connection: the new session gets the picture again, and the fake decodes it', async () => {
    const run = await setup()
    run.look.attach(new Uint8Array(run.jpeg))
    expect(await ask(run, 'What is on my screen?')).toMatch(/I see 1 picture/)

    const before = run.statuses.length
    run.server.dropAllConnections()
    await until(
      () => run.server.connectionCount === 2 && run.statuses.slice(before).at(-1) === 'connected',
      'the reconnect'
    )
    // The model of the new session still sees the one picture (not two, not none).
    expect(await ask(run, 'And now?')).toMatch(/I see 1 picture\(s\)/)
    await expectPictureReplayed(run)
  })

  it('a planned rollover before the time limit: the fresh session has the picture too', async () => {
    // 60 minutes at 900× last 4 s: the rollover window opens 2 s before the end.
    const run = await setup({ sessionClockSpeed: 900, enforceSessionLimit: true })
    run.look.attach(new Uint8Array(run.jpeg))
    expect(await ask(run, 'What is on my screen?')).toMatch(/I see 1 picture/)
    await until(() => run.logs.some((message) => message.includes('rolled over')), 'the rollover')
    expect(await ask(run, 'And now?')).toMatch(/I see 1 picture\(s\)/)
    expect(run.server.responses.at(-1)?.connectionIndex).toBe(1)
    await expectPictureReplayed(run)
  })
})
