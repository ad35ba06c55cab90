// The headless CLI end to end: the real entry point in a child process, the real controller and
// SDK, over a real socket to the fake Realtime server. Proves the exit codes, the printed
// transcript and that --out holds exactly the bytes the server sent.
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeWavToPcm24k } from '../../src/main/cli/wav-input'
import { encodeWav } from '../../src/shared/wav'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'
import type { FakeRealtimeServer } from '../fake-realtime'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
// The tsx binary directly rather than through npx: the same program without npm's start-up cost.
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx')
const entry = join(repoRoot, 'src', 'main', 'cli', 'index.ts')
const hasEspeak = spawnSync('espeak-ng', ['--version']).status === 0

interface CliRun {
  exitCode: number | null
  stdout: string
  stderr: string
}

function runCli(
  args: string[],
  apiKey: string | null = FAKE_API_KEY,
  onStdout?: (pid: number) => void,
  extraEnv: NodeJS.ProcessEnv = {}
): Promise<CliRun> {
  // Only what the CLI should see: no inherited OPENAI_* settings from the developer's shell.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    // A data folder that does not exist: the CLI's costs never reach the developer's own record.
    HARK_DATA_DIR: join(tmpdir(), 'hark-cli-test-no-data-folder'),
    ...extraEnv
  }
  if (apiKey !== null) env['OPENAI_API_KEY'] = apiKey
  return new Promise((resolve, reject) => {
    // Its own process group, so a test can signal it the way a terminal's Ctrl-C does.
    const child = spawn(tsx, [entry, ...args], { cwd: repoRoot, env, detached: true })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      if (stdout === '' && child.pid !== undefined) onStdout?.(child.pid)
      stdout += text
    })
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
    child.on('error', reject)
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }))
  })
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Byte equality without vitest's element-by-element walk of a typed array (seconds per WAV). */
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b))

const parseLines = (stdout: string): Record<string, unknown>[] =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

let server: FakeRealtimeServer
let dir = ''
beforeAll(async () => {
  // speed 0: the fake sends audio as fast as it can, so runs take no wall-clock time to speak.
  server = await startFakeRealtimeServer({ speed: 0 })
  dir = mkdtempSync(join(tmpdir(), 'hark-cli-e2e-'))
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('hark CLI against the fake Realtime server', () => {
  it('adds the turn’s cost to the data folder’s spending record, as the app does', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hark-cli-spend-'))
    const run = await runCli(
      ['--text', 'hi', '--url', server.url, '--json'],
      FAKE_API_KEY,
      undefined,
      { HARK_DATA_DIR: dataDir }
    )
    expect(run.stderr).toBe('')
    const cost = parseLines(run.stdout).at(-1)?.['costUsd'] as { totalUsd: number }
    expect(cost.totalUsd).toBeGreaterThan(0)
    const spend = JSON.parse(readFileSync(join(dataDir, 'spend.json'), 'utf8')) as {
      days: Record<string, number>
    }
    expect(Object.values(spend.days)).toEqual([cost.totalUsd])
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('--text --json --out: exit 0, every event as JSON, the WAV is the server’s audio', async () => {
    const out = join(dir, 'reply.wav')
    const first = server.responses.length
    const run = await runCli(['--text', 'hi', '--out', out, '--url', server.url, '--json'])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)

    const response = server.responses[first]
    expect(server.responses).toHaveLength(first + 1)
    expect(response?.text).toBe('You said: hi')
    const events = parseLines(run.stdout)
    expect(events).toContainEqual({
      type: 'transcript_done',
      role: 'assistant',
      itemId: response?.itemId,
      text: 'You said: hi'
    })
    const audioEvents = events.filter((e) => e['type'] === 'audio')
    expect(audioEvents.length).toBe(response?.audioChunks)
    expect(audioEvents.every((e) => typeof e['bytes'] === 'number' && !('pcm' in e))).toBe(true)
    const metrics = events.at(-1)
    expect(metrics).toMatchObject({
      type: 'metrics',
      audioBytes: response?.audio.byteLength,
      responses: 1,
      toolCalls: 0
    })
    expect(metrics?.['timeToFirstAudioMs']).toEqual(expect.any(Number))
    expect(metrics?.['totalTokens']).toBeGreaterThan(0)
    // Usage by modality, the cost with its parts, and the latency breakdown.
    const usage = metrics?.['usage'] as { outputTokens: number; output: { audio: number } }
    expect(usage.outputTokens).toBe(metrics?.['outputTokens'])
    expect(usage.output.audio).toBeGreaterThan(0)
    const cost = metrics?.['costUsd'] as Record<string, number | null>
    expect(cost['responsesUsd']).toBeGreaterThan(0)
    expect(cost['transcriptionUsd']).toBe(0) // a typed question: nothing transcribed
    expect(cost['totalUsd']).toBe(cost['responsesUsd'])
    const latency = metrics?.['latency'] as Record<string, unknown>
    expect(latency['startedBy']).toBe('text')
    expect(typeof latency['createdMs']).toBe('number')
    expect(typeof latency['firstAudioMs']).toBe('number')
    expect(latency['heardMs']).toBeNull() // the CLI plays nothing

    expect(sameBytes(readFileSync(out), encodeWav(response!.audio, 24_000))).toBe(true)
  })

  it('prints the plain transcript, ending with a newline', async () => {
    const run = await runCli(['--text', 'how are you', '--url', server.url])
    // The fake sends a preamble item at random (seeded-preambles.ts): one line per item.
    const preamble = server.responses.at(-1)?.preamble ?? null
    const lines = `${preamble === null ? '' : `${preamble}\n`}You said: how are you\n`
    expect(run).toEqual({ exitCode: 0, stdout: lines, stderr: '' })
  })

  it('runs the tool call round trip and waits for the answer after it', async () => {
    const toolServer = await startFakeRealtimeServer({
      speed: 0,
      toolCalls: (turn) =>
        turn.trigger === 'text' && turn.toolNames.includes('get_current_time')
          ? { name: 'get_current_time', arguments: { timeZone: 'UTC' } }
          : null
    })
    try {
      const out = join(dir, 'tool-reply.wav')
      const run = await runCli(['--text', 'what time is it', '--url', toolServer.url, '--out', out])
      expect(run.stderr).toBe('')
      expect(run.exitCode).toBe(0)
      expect(toolServer.responses.map((r) => r.kind)).toEqual(['function_call', 'audio'])
      const answer = toolServer.responses[1]!
      expect(answer.text).toMatch(/^Here is what the tool said: .*"timeZone":"UTC"/)
      expect(run.stdout).toBe(`${answer.text}\n`)
      expect(sameBytes(readFileSync(out), encodeWav(answer.audio, 24_000))).toBe(true)
    } finally {
      await toolServer.close()
    }
  })

  it.skipIf(!hasEspeak)('--in: streams an espeak-ng WAV as 24 kHz PCM16, exactly', async () => {
    const question = join(dir, 'question.wav')
    spawnSync('espeak-ng', ['-w', question, 'What time is it in Paris?'])
    const expected = await decodeWavToPcm24k(readFileSync(question))
    const out = join(dir, 'spoken-reply.wav')
    const connection = server.connectionCount
    const first = server.responses.length
    const run = await runCli(['--in', question, '--url', server.url, '--out', out])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const received = server.inputAudio(connection)
    expect(received).toEqual(new Uint8Array(expected.pcm.buffer))
    const response = server.responses[first]!
    // One line per spoken item: a preamble may come first (seeded-preambles.ts).
    const spoken = response.items.map((item) => item.text)
    expect(spoken.at(-1)).toMatch(/^I heard \d\.\d seconds of audio\.$/)
    expect(run.stdout).toBe(`${spoken.join('\n')}\n`)
    expect(sameBytes(readFileSync(out), encodeWav(response.audio, 24_000))).toBe(true)
  })

  it('exits 3 with one line when the key is wrong', async () => {
    const run = await runCli(['--text', 'hi', '--url', server.url], 'sk-wrong')
    expect(run.exitCode).toBe(3)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^hark: [^\n]*key[^\n]*\n$/i)
  })

  it('prints no key a proxy echoed, in --json, on stderr or in the HARK_DEBUG log', async () => {
    const key = server.apiKey
    try {
      for (const echo of ['error-event', 'refused-upgrade'] as const) {
        server.faults.echoAuthorization = echo
        const run = await runCli(['--text', 'hi', '--url', server.url, '--json'], key, undefined, {
          HARK_DEBUG: '1'
        })
        expect(run.exitCode, echo).not.toBe(0)
        expect(run.stderr + run.stdout, echo).toMatch(/Upstream refused|did not accept|closed/)
        expect(run.stdout + run.stderr, echo).not.toContain(key)
      }
    } finally {
      server.faults.echoAuthorization = null
    }
    // Two runs of the CLI, each its own process: twice the time of the others.
  }, 60_000)

  it('exits 3 when no key is set', async () => {
    const run = await runCli(['--text', 'hi', '--url', server.url], null)
    expect(run.exitCode).toBe(3)
    expect(run.stderr).toBe('hark: No API key: set the OPENAI_API_KEY environment variable.\n')
  })

  it('exits 4 when nothing listens on the port', async () => {
    const run = await runCli(['--text', 'hi', '--url', `ws://127.0.0.1:${await closedPort()}`])
    expect(run.exitCode).toBe(4)
    expect(run.stderr).toMatch(/^hark: [^\n]+\n$/)
  })

  it('exits 4 when the connection drops in the middle of the reply', async () => {
    server.faults.midResponse = { kind: 'drop', afterAudioChunks: 2 }
    const run = await runCli(['--text', 'tell me a long story', '--url', server.url])
    expect(run.exitCode).toBe(4)
    expect(run.stderr).toMatch(/^hark: [^\n]+\n$/)
  })

  it('exits 5 when the reply does not complete within --timeout', async () => {
    server.faults.firstAudioDelayMs = 10_000
    try {
      const run = await runCli(['--text', 'hi', '--url', server.url, '--timeout', '1'])
      expect(run.exitCode).toBe(5)
      expect(run.stderr).toBe('hark: No complete reply within 1 s.\n')
    } finally {
      server.faults.firstAudioDelayMs = 0
    }
  })

  it('exits 130 on Ctrl-C in the middle of the reply, with one line', async () => {
    // Real-time pacing, so the reply is still streaming when its first words are printed.
    server.setOptions({ speed: 1 })
    try {
      const run = await runCli(
        ['--text', 'tell me a long story', '--url', server.url],
        FAKE_API_KEY,
        (pid) => process.kill(-pid, 'SIGINT')
      )
      expect(run.exitCode).toBe(130)
      // Cut during the preamble item or the answer item (the fake sends one at random).
      expect(run.stdout).toMatch(/^(One moment\.\n)?(You[^\n]*|One[^\n]*)\n$/)
      expect(run.stdout).not.toBe('You said: tell me a long story\n')
      expect(run.stderr).toBe('hark: Interrupted.\n')
    } finally {
      server.setOptions({ speed: 0 })
    }
  })

  it('exits 2 for usage errors and for a file that is not a WAV', async () => {
    const both = await runCli(['--text', 'hi', '--in', 'q.wav'])
    expect(both.exitCode).toBe(2)
    expect(both.stderr).toMatch(/^hark: Give either --text or --in, not both\.[^\n]*\n$/)
    const notWav = await runCli(['--in', entry, '--url', server.url])
    expect(notWav.exitCode).toBe(2)
    expect(notWav.stderr).toMatch(/^hark: .*index\.ts: The file is not a WAV file[^\n]*\n$/)
  })
})

describe('hark CLI and a response in several items (a preamble, then the answer)', () => {
  let preambleServer: FakeRealtimeServer
  beforeAll(async () => {
    preambleServer = await startFakeRealtimeServer({
      speed: 0,
      preamble: () => 'One moment.'
    })
  })
  afterAll(async () => {
    await preambleServer.close()
  })

  it('prints every item’s words and writes every item’s audio, in order', async () => {
    const out = join(dir, 'two-items.wav')
    const run = await runCli(['--text', 'hi', '--out', out, '--url', preambleServer.url])
    expect(run).toEqual({ exitCode: 0, stdout: 'One moment.\nYou said: hi\n', stderr: '' })
    const response = preambleServer.responses.at(-1)
    expect(response?.items.map((item) => item.text)).toEqual(['One moment.', 'You said: hi'])
    const itemsAudio = Buffer.concat((response?.items ?? []).flatMap((item) => item.audio))
    expect(itemsAudio.byteLength).toBe(response?.audio.byteLength)
    const wav = readFileSync(out)
    expect(wav.equals(Buffer.from(encodeWav(itemsAudio, 24_000)))).toBe(true)
  })
})
