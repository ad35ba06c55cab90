import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RealtimeConfig } from '../realtime/config'
import { encodeWav, WAV_HEADER_BYTES } from '../../shared/wav'
import { ExitCode } from './exit-codes'
import { main } from './main'
import type { CliIo } from './main'
import {
  pcmChunk,
  ScriptedController,
  spokenResponse
} from '../../../test/doubles/scripted-controller'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hark-cli-main-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const KEY = 'sk-test-key'
const reply = [pcmChunk(0, 2400), pcmChunk(100, 1000)]

interface Outcome {
  exitCode: number
  stdout: string
  stderr: string
  configs: RealtimeConfig[]
  controller: ScriptedController
}

async function cli(
  argv: string[],
  env: Record<string, string> = { OPENAI_API_KEY: KEY },
  controller = answering()
): Promise<Outcome> {
  let stdout = ''
  let stderr = ''
  const configs: RealtimeConfig[] = []
  const io: CliIo = {
    argv,
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    createController: (config) => {
      configs.push(config)
      return Promise.resolve(controller)
    }
  }
  const exitCode = await main(io)
  return { exitCode, stdout, stderr, configs, controller }
}

function answering(): ScriptedController {
  const controller = new ScriptedController()
  controller.onTurn = (c) =>
    c.play(spokenResponse({ responseId: 'r', itemId: 'i', words: ['Hello.'], chunks: reply }))
  return controller
}

describe('main', () => {
  it('prints help and exits 0', async () => {
    const { exitCode, stdout, configs } = await cli(['--help'])
    expect(exitCode).toBe(ExitCode.ok)
    expect(stdout).toMatch(/^Usage: npm run -s cli -- /)
    expect(configs).toEqual([])
  })

  it('runs a text turn and writes exactly the received PCM as a 24 kHz mono WAV', async () => {
    const out = join(dir, 'reply.wav')
    const { exitCode, stdout, stderr, controller } = await cli(['--text', 'hi', '--out', out])
    expect({ exitCode, stdout, stderr }).toEqual({ exitCode: 0, stdout: 'Hello.\n', stderr: '' })
    expect(controller.texts).toEqual(['hi'])
    const pcm = new Uint8Array([...reply[0]!, ...reply[1]!])
    const wav = readFileSync(out)
    expect(new Uint8Array(wav)).toEqual(encodeWav(pcm, 24_000))
    const header = new DataView(wav.buffer, wav.byteOffset, WAV_HEADER_BYTES)
    expect(header.getUint16(22, true)).toBe(1) // mono
    expect(header.getUint32(24, true)).toBe(24_000)
    expect(header.getUint16(34, true)).toBe(16)
    expect(readdirSync(dir)).toEqual(['reply.wav']) // no temp file left behind
  })

  it('builds the session from flags over the environment, with the environment’s key', async () => {
    const { configs, stderr } = await cli(
      ['--text', 'hi', '--voice', 'marin', '--instructions', 'Terse.'],
      {
        OPENAI_API_KEY: KEY,
        OPENAI_REALTIME_URL: 'ws://127.0.0.1:1/v1/realtime',
        OPENAI_REALTIME_VOICE: 'ash',
        OPENAI_REALTIME_MODEL: 'gpt-realtime-mini'
      }
    )
    expect(configs).toHaveLength(1)
    expect(configs[0]).toMatchObject({
      url: 'ws://127.0.0.1:1/v1/realtime',
      model: 'gpt-realtime-mini',
      voice: 'marin',
      instructions: 'Terse.',
      turnDetection: 'none'
    })
    expect(await configs[0]!.apiKey()).toBe(KEY)
    // A deprecated model from the environment still runs, with a warning.
    expect(stderr).toContain(
      'hark: warning: The model gpt-realtime-mini shuts down on 2027-01-20; switch to gpt-realtime-2.1-mini.'
    )
  })

  it('exits 3 without a key, saying to set OPENAI_API_KEY, before connecting', async () => {
    const { exitCode, stderr, configs } = await cli(['--text', 'hi'], { OPENAI_API_KEY: ' ' })
    expect(exitCode).toBe(ExitCode.auth)
    expect(stderr).toBe('hark: No API key: set the OPENAI_API_KEY environment variable.\n')
    expect(configs).toEqual([])
  })

  it('exits 2 for usage errors with one hark: line', async () => {
    const { exitCode, stderr, stdout } = await cli(['--text', 'hi', '--in', 'q.wav'])
    expect(exitCode).toBe(ExitCode.usage)
    expect(stdout).toBe('')
    expect(stderr).toMatch(/^hark: Give either --text or --in, not both\. .*\n$/)
    expect(stderr.split('\n')).toHaveLength(2)
  })

  it.each([
    [
      'a missing file',
      (): string => join(dir, 'nope.wav'),
      /Cannot read .*nope\.wav: no such file/
    ],
    [
      'a file that is not a WAV',
      (): string => {
        writeFileSync(join(dir, 'notes.wav'), 'just text')
        return join(dir, 'notes.wav')
      },
      /notes\.wav: The file is not a WAV file/
    ],
    [
      'an empty file',
      (): string => {
        writeFileSync(join(dir, 'empty.wav'), '')
        return join(dir, 'empty.wav')
      },
      /empty\.wav: The file is empty\./
    ],
    [
      'a WAV shorter than 100 ms',
      (): string => {
        writeFileSync(join(dir, 'short.wav'), encodeWav(new Uint8Array(2000), 24_000))
        return join(dir, 'short.wav')
      },
      /short\.wav: The audio is shorter than 100 ms/
    ],
    ['a folder', (): string => dir, /Cannot read .*: it is a directory/]
  ])('exits 2 for --in with %s, before connecting', async (_name, path, message) => {
    const { exitCode, stderr, configs } = await cli(['--in', path()])
    expect(exitCode).toBe(ExitCode.usage)
    expect(stderr).toMatch(message)
    expect(stderr.trimEnd()).not.toContain('\n')
    expect(configs).toEqual([])
  })

  it('exits 2 when --out cannot be written, before connecting', async () => {
    const { exitCode, stderr, configs } = await cli([
      '--text',
      'hi',
      '--out',
      join(dir, 'missing', 'reply.wav')
    ])
    expect(exitCode).toBe(ExitCode.usage)
    expect(stderr).toMatch(/^hark: Cannot write .*reply\.wav: no such file or folder\.\n$/)
    expect(configs).toEqual([])
  })

  it('writes no --out file when the turn fails', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) =>
      c.play([{ type: 'audio', responseId: 'r', itemId: 'i', pcm: pcmChunk(0, 480) }])
    const out = join(dir, 'reply.wav')
    const { exitCode, stderr } = await cli(
      ['--text', 'hi', '--out', out, '--timeout', '0.05'],
      { OPENAI_API_KEY: KEY },
      controller
    )
    expect(exitCode).toBe(ExitCode.timeout)
    expect(stderr).toBe('hark: No complete reply within 0.05 s.\n')
    expect(readdirSync(dir)).toEqual([])
  })

  it('turns an unexpected exception into one line and exit 1', async () => {
    let stderr = ''
    const exitCode = await main({
      argv: ['--text', 'hi'],
      env: { OPENAI_API_KEY: KEY },
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
      createController: () =>
        Promise.reject(new TypeError('x is not a function\n    at y (z.ts:1)'))
    })
    expect(exitCode).toBe(ExitCode.other)
    expect(stderr).toBe('hark: Unexpected error: x is not a function at y (z.ts:1)\n')
  })

  it.skipIf(spawnSync('espeak-ng', ['--version']).status !== 0)(
    'streams an espeak-ng question as 24 kHz PCM in 100 ms chunks',
    async () => {
      const path = join(dir, 'question.wav')
      execFileSync('espeak-ng', ['-w', path, 'What time is it?'])
      const frames = (readFileSync(path).byteLength - WAV_HEADER_BYTES) / 2 // 22050 Hz mono
      const { exitCode, controller } = await cli(['--in', path])
      expect(exitCode).toBe(ExitCode.ok)
      expect(controller.commits).toBe(1)
      const appendedSamples = controller.appended.reduce((n, c) => n + c.byteLength / 2, 0)
      expect(
        Math.abs(appendedSamples - Math.round((frames * 24_000) / 22_050))
      ).toBeLessThanOrEqual(1)
      expect(controller.appended.slice(0, -1).every((c) => c.byteLength === 4800)).toBe(true)
    }
  )
})
