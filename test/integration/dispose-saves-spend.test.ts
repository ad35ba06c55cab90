// Quitting right after an answer must not lose what it cost: the core's dispose resolves only once
// the spend record is on disk (the app quits when it resolves, and an atomic write cut short
// leaves the previous file). Found as a temporary file appearing in a data folder being removed.
import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createHarkMain } from '../../src/main/app/hark-main'
import type * as AtomicFile from '../../src/main/storage/atomic-file'
import { FakeCipher } from '../doubles/fake-controller'
import { FAKE_API_KEY, startFakeRealtimeServer, type FakeRealtimeServer } from '../fake-realtime'

// A slow disk: every atomic write takes 200 ms longer, so a dispose that does not wait for the
// spend record resolves before the file is there.
vi.mock('../../src/main/storage/atomic-file', async (importOriginal) => {
  const actual = await importOriginal<typeof AtomicFile>()
  return {
    ...actual,
    writeFileAtomic: async (path: string, data: string | Uint8Array): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 200))
      await actual.writeFileAtomic(path, data)
    }
  }
})

let server: FakeRealtimeServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

describe('core dispose', () => {
  it('resolves only after the last answer’s cost is saved', async () => {
    server = await startFakeRealtimeServer({ speed: 0 })
    const dir = await mkdtemp(join(tmpdir(), 'hark-dispose-'))
    const core = createHarkMain({
      userDataDir: dir,
      env: { OPENAI_API_KEY: FAKE_API_KEY, OPENAI_REALTIME_URL: server.url },
      cipher: new FakeCipher()
    })
    let spentUsd = 0
    core.subscribe((channel, payload) => {
      if (channel === 'spend.changed') spentUsd = (payload as { todayUsd: number }).todayUsd
    })
    await core.handleInvoke('session.sendText', { text: 'hello' })
    await expect.poll(() => spentUsd, { timeout: 5000 }).toBeGreaterThan(0)
    // The cost is counted; its write has only been queued. Quit now.
    await core.dispose()

    expect((await readdir(dir)).filter((name) => name.includes('.tmp'))).toEqual([])
    const saved = JSON.parse(await readFile(join(dir, 'spend.json'), 'utf8')) as {
      days: Record<string, number>
    }
    expect(Object.values(saved.days).reduce((sum, usd) => sum + usd, 0)).toBeCloseTo(spentUsd, 6)
  })
})
