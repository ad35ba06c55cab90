// The CLI as a function: argv, env and output sinks in, an exit code out. Never throws, never
// prints a stack trace: every failure becomes one `hark: …` line on stderr. index.ts binds it to
// the process; tests call it directly with a scripted controller.

import { randomBytes } from 'node:crypto'
import { constants as fsConstants } from 'node:fs'
import { access, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { redactedLogLine, redactText } from '../logging/redact'
import { MissingApiKeyError, configWarnings, resolveRealtimeConfig } from '../realtime/config'
import { PROVIDER_INFO } from '../../shared/providers'
import { cliApiKey, cliKeyVariables } from './cli-key'
import type { RealtimeConfig } from '../realtime/config'
import { RealtimeCoreError } from '../realtime/controller-api'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import type { RealtimeLog } from '../realtime/event-bus'
import { PCM_SAMPLE_RATE } from '../../shared/pcm'
import { encodeWav } from '../../shared/wav'
import { parseCliArgs, USAGE } from './args'
import type { CliOptions } from './args'
import { CliError, ExitCode, exitCodeForError } from './exit-codes'
import { openCliSpend } from './cli-spend'
import { createLiveController, withTrailingSilence } from './live-turn'
import { AUDIO_CHUNK_MS, runTurn } from './run-turn'
import type { TurnRequest } from './run-turn'
import { decodeWavToPcm24k, WavInputError } from './wav-input'
import type { ToolRuntime } from '../app/tool-runtime'

export interface CliIo {
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal
  /** Builds the core; the real RealtimeController (with the built-in tools) by default. */
  createController?: (config: RealtimeConfig) => Promise<RealtimeControllerApi>
  /** Asks the user one question on the terminal; absent when standard input is not a terminal. */
  prompt?: (question: string) => Promise<string>
}

export async function main(io: CliIo): Promise<ExitCode> {
  try {
    return await runCli(io)
  } catch (error) {
    const { exitCode, message } = describeError(error)
    // The sentence may quote the server (an error text, a close reason): never print a key.
    io.stderr(`hark: ${redactText(message)}\n`)
    return exitCode
  }
}

async function runCli(io: CliIo): Promise<ExitCode> {
  if (io.argv[0] === 'history') {
    const { runHistoryCommand } = await import('./history-command')
    return runHistoryCommand(io, io.argv.slice(1))
  }
  const parsed = parseCliArgs(io.argv, io.env)
  if (!parsed.ok) throw new CliError(ExitCode.usage, parsed.message)
  if (parsed.help) {
    io.stdout(`${USAGE}\n`)
    return ExitCode.ok
  }
  const { options } = parsed

  const apiKey = cliApiKey(options.provider, io.env)
  if (!apiKey)
    throw new CliError(ExitCode.auth, `No API key: set the ${cliKeyVariables(options.provider)}.`)

  // Check everything local before connecting: a bad file should not cost a session.
  const request = await loadRequest(options)
  if (options.outPath !== null) await checkWritable(options.outPath)

  const config = resolveRealtimeConfig(
    {
      url: options.url,
      model: options.model,
      voice: options.voice,
      instructions: options.instructions,
      provider: options.provider
    },
    { [PROVIDER_INFO[options.provider].envKeyVar]: apiKey }
  )
  const live = options.engine === 'live'
  // A deprecated Realtime model still works until its shutdown: run, and say so.
  if (!live) for (const warning of configWarnings(config)) io.stderr(`hark: warning: ${warning}\n`)
  // The Realtime engine's tools: the built-ins and the user's MCP servers (GPT-Live has none
  // here). Loaded on demand, like the SDK: the MCP client is a large import.
  const tools =
    io.createController || live
      ? null
      : await (
          await import('./cli-tools')
        ).startCliTools({
          mcpConfigPath: options.mcpConfigPath,
          approveAll: options.approveAll,
          ...(io.prompt ? { prompt: io.prompt } : {}),
          env: io.env,
          stderr: io.stderr,
          ...(debugLog(io) ? { log: debugLog(io) } : {})
        })
  // What the turn costs goes into the data folder's spending record, as the app's turns do.
  const spend = await openCliSpend(io.env)
  let result
  try {
    const controller = live
      ? createLiveController(options, apiKey, debugLog(io))
      : await (io.createController ?? createRealtimeController(io, tools))(config)
    if (spend) controller.subscribe((event) => spend.onEvent(event))
    result = await runTurn(
      controller,
      {
        request: live ? withTrailingSilence(request) : request,
        timeoutMs: options.timeoutMs,
        json: options.json,
        ...(io.signal ? { signal: io.signal } : {}),
        awaitTranscription: !live && config.inputTranscription
      },
      { stdout: io.stdout }
    )
  } finally {
    // Every MCP server the turn started stops with it, process trees included.
    await tools?.dispose()
    const problem = await spend?.close()
    if (problem) io.stderr(`hark: warning: ${problem}\n`)
  }
  if (result.exitCode !== ExitCode.ok)
    throw new CliError(result.exitCode, result.errorMessage ?? 'The turn failed.')
  if (options.outPath !== null) await writeWavAtomically(options.outPath, result.audio)
  if (options.save) {
    const { saveCliTurn } = await import('./history-command')
    await saveCliTurn(io.env, {
      model: config.model,
      voice: config.voice,
      question:
        options.input.kind === 'text' ? options.input.text : `(spoken: ${options.input.path})`,
      answer: result.transcript
    })
  }
  return ExitCode.ok
}

async function loadRequest(options: CliOptions): Promise<TurnRequest> {
  if (options.input.kind === 'text') return { kind: 'text', text: options.input.text }
  const { path } = options.input
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    throw new CliError(ExitCode.usage, `Cannot read ${path}: ${fsReason(error)}.`)
  }
  try {
    const { pcm } = await decodeWavToPcm24k(bytes)
    if ((pcm.length / PCM_SAMPLE_RATE) * 1000 < AUDIO_CHUNK_MS)
      throw new WavInputError(`The audio is shorter than ${AUDIO_CHUNK_MS} ms, too short to send.`)
    return { kind: 'audio', pcm }
  } catch (error) {
    if (error instanceof WavInputError)
      throw new CliError(ExitCode.usage, `${path}: ${error.message}`)
    throw error
  }
}

async function checkWritable(outPath: string): Promise<void> {
  try {
    const existing = await stat(outPath).catch(() => null)
    if (existing?.isDirectory() === true) throw new Error('it is a directory')
    await access(dirname(outPath), fsConstants.W_OK)
  } catch (error) {
    throw new CliError(ExitCode.usage, `Cannot write ${outPath}: ${fsReason(error)}.`)
  }
}

/** Temp file + rename in the same folder: readers never see a half-written WAV. */
async function writeWavAtomically(outPath: string, pcm: Uint8Array): Promise<void> {
  const tempPath = `${outPath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await writeFile(tempPath, encodeWav(pcm, PCM_SAMPLE_RATE))
    await rename(tempPath, outPath)
  } catch (error) {
    await unlink(tempPath).catch(() => undefined)
    throw new CliError(ExitCode.other, `Cannot write ${outPath}: ${fsReason(error)}.`)
  }
}

function createRealtimeController(
  io: CliIo,
  tools: ToolRuntime | null
): (config: RealtimeConfig) => Promise<RealtimeControllerApi> {
  return async (config) => {
    // Loaded on demand: --help and usage errors should not pay for the SDK's import.
    const { RealtimeController } = await import('../realtime/controller')
    const log = debugLog(io)
    return new RealtimeController(config, {
      ...(tools ? { tools: tools.sdkTools(), approveTool: tools.decide } : {}),
      ...(log ? { log } : {})
    })
  }
}

/** The core's log is for diagnosing: on stderr with HARK_DEBUG=1, else only the one-line reason. */
function debugLog(io: CliIo): RealtimeLog | undefined {
  if (io.env['HARK_DEBUG'] !== '1') return undefined
  // Redacted like main.log: a debug log gets pasted into bug reports.
  return (level, message, data) => io.stderr(`hark[${level}]: ${redactedLogLine(message, data)}\n`)
}

function describeError(error: unknown): { exitCode: ExitCode; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message }
  if (error instanceof RealtimeCoreError)
    return { exitCode: exitCodeForError(error.code), message: error.message }
  if (error instanceof MissingApiKeyError)
    return {
      exitCode: ExitCode.auth,
      message: 'No API key: set the OPENAI_API_KEY environment variable.'
    }
  const message = error instanceof Error ? error.message : String(error)
  return {
    exitCode: ExitCode.other,
    message: `Unexpected error: ${message.replace(/\s*\n\s*/g, ' ').trim() || 'unknown'}`
  }
}

function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a directory'
    default:
      return error instanceof Error ? error.message.replace(/\.$/, '') : String(error)
  }
}
