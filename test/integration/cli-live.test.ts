// `--engine live`: the real CLI entry in a child process against the fake GPT-Live server on
// 127.0.0.1. One spoken turn, --out holding exactly the bytes the server sent, --json metrics;
// and --text refused in words, since GPT-Live has no typed user message.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_TEXT_REFUSAL } from '../../src/main/cli/args'
import { main } from '../../src/main/cli/main'
import { WAV_HEADER_BYTES, encodeWav } from '../../src/shared/wav'
import { joinBytes, silenceBytes, speechBytes } from '../fake-realtime/audio-fixtures'
import { startFakeLiveServer, type FakeLiveServer } from '../fake-live'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx')
const entry = join(repoRoot, 'src', 'main', 'cli', 'index.ts')

let server: FakeLiveServer
let dir = ''

beforeAll(async () => {
  server = await startFakeLiveServer({ speed: 0 })
  dir = mkdtempSync(join(tmpdir(), 'hark-live-cli-'))
  // No trailing silence: the CLI adds the pause GPT-Live needs to hear the question end.
  const question = joinBytes(silenceBytes(100), speechBytes('What time is it in Lisbon'))
  writeFileSync(join(dir, 'question.wav'), encodeWav(question, 24000))
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

function runCli(
  args: string[]
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    // The test's own data folder: the turn's seconds go into its spending record.
    HARK_DATA_DIR: dir,
    OPENAI_API_KEY: server.apiKey
  }
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [entry, ...args], { cwd: repoRoot, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }))
  })
}

describe('hark cli --engine live', () => {
  it('runs one spoken turn on GPT-Live and writes exactly the audio received', async () => {
    const out = join(dir, 'reply.wav')
    const run = await runCli([
      '--engine',
      'live',
      '--url',
      server.url,
      '--in',
      join(dir, 'question.wav'),
      '--out',
      out,
      '--json'
    ])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    const [turn] = await server.waitForTurns(1)
    expect(server.startedSession()?.model).toBe('gpt-live-1.1')
    expect(server.startedSession()?.audio?.output?.voice).toBe('marin')
    const wav = readFileSync(out)
    expect(wav.subarray(WAV_HEADER_BYTES).equals(Buffer.from(turn!.audio))).toBe(true)
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    const metrics = lines.at(-1)!
    expect(metrics['type']).toBe('metrics')
    expect(metrics['audioBytes']).toBe(turn!.audio.byteLength)
    expect(metrics['timeToFirstAudioMs']).toEqual(expect.any(Number))
    const said = lines.filter((l) => l['type'] === 'transcript_done' && l['role'] === 'assistant')
    expect(said.map((l) => l['text'])).toEqual([turn!.replyText])
    // GPT-Live's billed seconds, at USD 0.05 a minute, are in the data folder's record.
    const spend = JSON.parse(readFileSync(join(dir, 'spend.json'), 'utf8')) as {
      days: Record<string, number>
    }
    const reported = server.usageReports.map((r) => Math.round((r.seconds / 60) * 0.05 * 1e8) / 1e8)
    expect(Object.values(spend.days)).toHaveLength(1)
    expect(reported).toContain(Object.values(spend.days)[0])
  })

  it('refuses --text in words with the usage exit code, before connecting', async () => {
    const stderr: string[] = []
    const before = server.connectionCount
    const code = await main({
      argv: ['--engine', 'live', '--url', server.url, '--text', 'hello'],
      env: { OPENAI_API_KEY: server.apiKey },
      stdout: () => undefined,
      stderr: (text) => stderr.push(text)
    })
    expect(code).toBe(2)
    expect(stderr.join('')).toContain(LIVE_TEXT_REFUSAL)
    expect(server.connectionCount).toBe(before)
  })
})
