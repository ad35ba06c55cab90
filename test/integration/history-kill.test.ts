// Crash safety of the history, end to end: the real browser host (a child process) talks to the
// fake Realtime server; after one full turn and in the middle of the second answer it is killed
// with SIGKILL; then the real CLI, reading the same HARK_DATA_DIR, lists the conversation with
// every completed turn.
import { spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  killHostChild,
  openHostClient,
  repoRoot,
  startHostChild,
  tsx
} from '../doubles/web-host-child'
import { FAKE_API_KEY, startFakeRealtimeServer, type FakeRealtimeServer } from '../fake-realtime'

let fake: FakeRealtimeServer
let dataDir = ''
let host: ChildProcess | undefined

beforeAll(async () => {
  // "Mid-answer" is timed on one answer item; multi-item history: e2e/history.spec.ts.
  fake = await startFakeRealtimeServer({ speed: 1, preamble: () => null })
  dataDir = mkdtempSync(join(tmpdir(), 'hark-history-kill-'))
  // The browser host has no key store: the user agreed to plain history files.
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ historyPlainAllowed: true }))
})

afterAll(async () => {
  if (host) await killHostChild(host)
  await fake.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    HARK_DATA_DIR: dataDir,
    OPENAI_API_KEY: FAKE_API_KEY,
    OPENAI_REALTIME_URL: fake.url
  }
}

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(tsx, [join(repoRoot, 'src/main/cli/index.ts'), ...args], {
    cwd: repoRoot,
    env: env(),
    encoding: 'utf8'
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

it('after kill -9 mid-answer, the CLI lists the conversation with every completed turn', async () => {
  const started = await startHostChild(env())
  host = started.child
  const bridge = await openHostClient(started.url)
  await bridge.invoke('session.start')
  // The finished answer's item reaches main's history around its response.done.
  const firstAnswerKept = bridge.waitFor(
    (channel, payload) =>
      channel === 'history.updated' &&
      (payload as { items: { role?: string; status: string }[] }).items.some(
        (item) => item.role === 'assistant' && item.status === 'completed'
      )
  )
  const firstDone = bridge.waitFor((channel) => channel === 'response.done')
  await bridge.invoke('session.sendText', { text: 'Name a colour.' })
  await Promise.all([firstDone, firstAnswerKept])
  const secondAudio = bridge.waitFor((channel) => channel === 'audio.delta')
  await bridge.invoke('session.sendText', {
    text: 'Now tell me a long story about a lighthouse keeper and the sea at night.'
  })
  await secondAudio
  bridge.close()
  await killHostChild(started.child)

  const list = cli(['history', 'list', '--json'])
  expect(list.status).toBe(0)
  const { conversations } = JSON.parse(list.stdout) as {
    conversations: { id: string; title: string }[]
  }
  expect(conversations).toHaveLength(1)
  expect(conversations[0]?.title).toBe('Name a colour.')
  const show = cli(['history', 'show', conversations[0]!.id, '--json'])
  expect(show.status).toBe(0)
  const { items } = JSON.parse(show.stdout) as {
    items: { role: string; text: string; status: string }[]
  }
  expect(items.slice(0, 3).map((item) => [item.role, item.text, item.status])).toEqual([
    ['user', 'Name a colour.', 'completed'],
    ['assistant', 'You said: Name a colour.', 'completed'],
    [
      'user',
      'Now tell me a long story about a lighthouse keeper and the sea at night.',
      'completed'
    ]
  ])
  // The answer in flight was never finished: it is not in the history as a finished answer.
  expect(
    items.filter((item) => item.role === 'assistant' && item.status === 'completed')
  ).toHaveLength(1)
}, 120_000)
