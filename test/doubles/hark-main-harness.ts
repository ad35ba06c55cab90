// Shared setup for main's router tests: a HarkMain on a temp folder with fake controllers and a
// fake cipher, recording everything it emits and logs.
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeCipher, FakeController } from './fake-controller'
import { createHarkMain, type HarkCore, type HarkMainDeps } from '../../src/main/app/hark-main'

export interface Harness {
  dir: string
  router: HarkCore
  cipher: FakeCipher
  controllers: FakeController[]
  emitted: { channel: string; payload: unknown }[]
  logs: { level: string; message: string; data?: Record<string, unknown> }[]
  /** The latest controller; fails the test when none was made. */
  controller(): FakeController
}

export async function createHarness(
  env: NodeJS.ProcessEnv = {},
  extra: Pick<HarkMainDeps, 'wakeSignals' | 'hotkey'> = {}
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'hark-main-'))
  const cipher = new FakeCipher()
  const controllers: FakeController[] = []
  const emitted: Harness['emitted'] = []
  const logs: Harness['logs'] = []
  const router = createHarkMain({
    ...extra,
    userDataDir: dir,
    env,
    cipher,
    log: (level, message, data) => logs.push({ level, message, ...(data ? { data } : {}) }),
    createController: (config) => {
      const controller = new FakeController(config)
      controllers.push(controller)
      return controller
    }
  })
  router.subscribe((channel, payload) => emitted.push({ channel, payload }))
  return {
    dir,
    router,
    cipher,
    controllers,
    emitted,
    logs,
    controller() {
      const last = controllers.at(-1)
      if (!last) throw new Error('no controller was created')
      return last
    }
  }
}
