// The whole main-process core (createHarkMain) with GPT-Live as its engine, against a fake
// GPT-Live server on 127.0.0.1, and what it broadcast to the window: shared by the integration
// tests that drive GPT-Live through the app (live-app, live-budget, live-rollover).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHarkMain, type HarkCore, type HarkMainDeps } from '../../src/main/app/hark-main'
import { unavailableToolServices } from '../../src/main/tools/desktop-tool-services'
import { startFakeLiveServer, type FakeLiveOptions, type FakeLiveServer } from '../fake-live'
import { FakeCipher } from './fake-controller'

export interface LiveApp {
  server: FakeLiveServer
  core: HarkCore
  /** Every broadcast to the window, in order. */
  emitted: { channel: string; payload: unknown }[]
  payloads<T>(channel: string): T[]
  dispose(): Promise<void>
}

export async function startLiveApp(
  fake: Partial<FakeLiveOptions> = {},
  deps: Partial<HarkMainDeps> = {}
): Promise<LiveApp> {
  const server = await startFakeLiveServer({ speed: 0, ...fake })
  const dir = await mkdtemp(join(tmpdir(), 'hark-live-app-'))
  const emitted: LiveApp['emitted'] = []
  const core = createHarkMain({
    userDataDir: dir,
    env: { OPENAI_API_KEY: server.apiKey, OPENAI_LIVE_URL: server.url },
    cipher: new FakeCipher(),
    toolServices: unavailableToolServices('this test'),
    ...deps
  })
  core.subscribe((channel, payload) => emitted.push({ channel, payload }))
  return {
    server,
    core,
    emitted,
    payloads: <T>(channel: string): T[] =>
      emitted.filter((e) => e.channel === channel).map((e) => e.payload as T),
    async dispose() {
      await core.dispose()
      await server.close()
      // A store's last write can land just after dispose (noted for its own issue): retry.
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })
    }
  }
}

/** Polls until `find` returns something, or fails naming what never came. */
export async function until<T>(
  find: () => T | undefined,
  what: string,
  timeoutMs = 5000
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`never saw ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
