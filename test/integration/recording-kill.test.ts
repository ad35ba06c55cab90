// A recording survives kill -9: the real browser host (a child process) records a conversation
// against the fake Realtime server and is killed with SIGKILL mid-conversation, its WAV header
// still unfinished. The next start repairs it: the file parses as a stereo WAV that holds every
// frame written before the kill, and the History view reads it over the host's socket (a binary
// reply).
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readStereoWav, splitChannels } from '../doubles/stereo-wav'
import {
  killHostChild,
  openHostClient,
  startHostChild,
  type HostClient
} from '../doubles/web-host-child'
import { FAKE_API_KEY, startFakeRealtimeServer, type FakeRealtimeServer } from '../fake-realtime'

let fake: FakeRealtimeServer
let dataDir = ''
let host: ChildProcess | undefined

beforeAll(async () => {
  fake = await startFakeRealtimeServer({ speed: 0 })
  dataDir = mkdtempSync(join(tmpdir(), 'hark-recording-kill-'))
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({ historyPlainAllowed: true, recordConversations: true })
  )
})

afterAll(async () => {
  if (host) await killHostChild(host)
  await fake.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const env = (): NodeJS.ProcessEnv => ({
  PATH: process.env['PATH'],
  HOME: process.env['HOME'],
  HARK_DATA_DIR: dataDir,
  OPENAI_API_KEY: FAKE_API_KEY,
  OPENAI_REALTIME_URL: fake.url
})

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** 20 ms microphone chunks, each filled with its own value, sent in real time. */
async function speak(client: HostClient, chunks: number): Promise<Uint8Array[]> {
  const sent: Uint8Array[] = []
  for (let i = 0; i < chunks; i++) {
    const chunk = new Uint8Array(960).fill((i % 250) + 1)
    client.sendAudio(chunk)
    sent.push(chunk)
    await wait(20)
  }
  return sent
}

async function recordingName(client: HostClient): Promise<{ id: string; recording: string }> {
  const reply = (await client.invoke('history.list')) as {
    value: { conversations: { id: string; recording?: string }[] }
  }
  const [summary] = reply.value.conversations
  return { id: summary!.id, recording: summary!.recording! }
}

it('repairs a recording cut by kill -9 and keeps every frame written before it', async () => {
  const first = await startHostChild(env())
  host = first.child
  const client = await openHostClient(first.url)
  await client.invoke('session.start')
  // A typed turn first, so the conversation is in the history and the recording linked to it.
  const answered = client.waitFor((channel) => channel === 'response.done')
  await client.invoke('session.sendText', { text: 'Listen to this.' })
  await answered
  const sent = await speak(client, 150)
  // Let the last sends reach the host; the recording has written all but its look-ahead window
  // and at most one block (1.5 s of the 3 s spoken).
  await wait(200)
  const { recording } = await recordingName(client)
  const path = join(dataDir, 'history', 'recordings', recording)
  const sizeAtKill = statSync(path).size
  client.close()
  await killHostChild(first.child)

  const killed = readFileSync(path)
  expect(killed.readUInt32LE(40), 'the header was never finished').toBe(0)
  expect(sizeAtKill).toBeGreaterThan(44 + 4 * 24_000)

  const second = await startHostChild(env())
  host = second.child
  const reader = await openHostClient(second.url)
  const { id } = await recordingName(reader)
  const data = readStereoWav(path)
  expect(data.byteLength).toBe(Math.floor((sizeAtKill - 44) / 4) * 4)
  const { left, right } = splitChannels(data)
  // The first thing recorded was the microphone, from frame 0; nothing was played.
  expect(Buffer.from(left).equals(Buffer.concat(sent).subarray(0, left.byteLength))).toBe(true)
  expect(right.every((byte) => byte === 0)).toBe(true)

  const bytes = (await reader.invoke('history.recording', { id })) as { value: Uint8Array }
  expect(Buffer.from(bytes.value).equals(readFileSync(path))).toBe(true)
  reader.close()
}, 120_000)
