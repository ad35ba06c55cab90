// One CLI turn against any RealtimeControllerApi: connect, send the question (text, or audio in
// 100 ms chunks then commit), stream the answer out, and decide the exit code. Takes its output
// sinks and clock as arguments, so the whole flow is unit-tested with a scripted controller.

import { redactText } from '../logging/redact'
import { MissingApiKeyError } from '../realtime/config'
import { RealtimeCoreError } from '../realtime/controller-api'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import { pcmBytesToMs, PCM_BYTES_PER_MS } from '../../shared/pcm'
import type { ErrorCode, RealtimeCoreEvent } from '../../shared/realtime-events'
import { ExitCode, exitCodeForError } from './exit-codes'
import { TurnState } from './turn-state'
import type { TurnMetrics } from './turn-state'

/** The question as the core takes it. */
export type TurnRequest = { kind: 'text'; text: string } | { kind: 'audio'; pcm: Int16Array }

export interface RunTurnOptions {
  request: TurnRequest
  /** Give up when the reply is not complete this long after start (connecting included). */
  timeoutMs: number
  /** One JSON object per line instead of the plain transcript. */
  json: boolean
  /** Ends the turn early (Ctrl-C): exit 130. */
  signal?: AbortSignal
  /** The spoken question is transcribed: its cost may trail the answer (TRANSCRIPTION_GRACE_MS). */
  awaitTranscription?: boolean
}

export interface TurnSinks {
  stdout: (text: string) => void
  /** Monotonic milliseconds; performance.now() unless a test supplies a clock. */
  now?: () => number
}

export interface TurnResult {
  exitCode: ExitCode
  /** One sentence for stderr when exitCode is not 0. */
  errorMessage: string | null
  /** The assistant's words, one line per spoken item. */
  transcript: string
  /** Every reply audio byte as received: PCM16 mono 24 kHz. */
  audio: Uint8Array
  metrics: TurnMetrics
}

/** The CLI streams a question file to the core in chunks of this length (docs/architecture.md, "The headless CLI"). */
export const AUDIO_CHUNK_MS = 100
const AUDIO_CHUNK_BYTES = AUDIO_CHUNK_MS * PCM_BYTES_PER_MS
/** stop() is documented never to throw; it must not hold the process up either. */
const STOP_GRACE_MS = 2000
/**
 * A spoken question's transcription (and its cost) may arrive after the answer is done: it runs
 * beside the response (reference §1). The turn waits this long for it, so that the metrics line
 * bills it to this turn; without input transcription the wait simply ends.
 */
export const TRANSCRIPTION_GRACE_MS = 2000

interface Outcome {
  exitCode: ExitCode
  errorMessage: string | null
}

export async function runTurn(
  controller: RealtimeControllerApi,
  options: RunTurnOptions,
  sinks: TurnSinks
): Promise<TurnResult> {
  const now = sinks.now ?? ((): number => performance.now())
  const state = new TurnState(now)
  const outcome = await new Promise<Outcome>((resolve) => {
    let connected = false
    let settled = false
    let lastError: { code: ErrorCode; message: string } | null = null
    let questionTranscribed = options.request.kind === 'text' || options.awaitTranscription !== true
    let transcriptionWait: ReturnType<typeof setTimeout> | undefined
    let unsubscribe = (): void => undefined
    const timeoutSeconds = formatSeconds(options.timeoutMs)

    const settle = (exitCode: ExitCode, errorMessage: string | null): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearTimeout(transcriptionWait)
      options.signal?.removeEventListener('abort', onAbort)
      unsubscribe()
      if (exitCode === ExitCode.ok) state.markDone()
      resolve({ exitCode, errorMessage: errorMessage === null ? null : oneLine(errorMessage) })
    }
    const fail = (error: unknown): void => {
      const { exitCode, message } = describeFailure(error)
      settle(exitCode, message)
    }

    const judge = (responseId: string, status: string): void => {
      if (settled) return
      const verdict = state.verdict(responseId, status)
      if (verdict.kind === 'complete') {
        if (questionTranscribed) settle(ExitCode.ok, null)
        else
          transcriptionWait ??= setTimeout(() => settle(ExitCode.ok, null), TRANSCRIPTION_GRACE_MS)
      } else if (verdict.kind === 'failed')
        settle(
          lastError ? exitCodeForError(lastError.code) : ExitCode.other,
          lastError?.message ??
            `The server ended the reply with status '${verdict.status}' before it was complete.`
        )
    }

    const onEvent = (event: RealtimeCoreEvent): void => {
      if (settled) return
      if (options.json) sinks.stdout(`${JSON.stringify(summarise(event))}\n`)
      const text = state.record(event)
      if (text !== '' && !options.json) sinks.stdout(text)
      switch (event.type) {
        case 'error':
          lastError = { code: event.code, message: event.message }
          // A rejected key never recovers; other errors may be followed by a usable reply.
          if (event.code === 'auth') settle(ExitCode.auth, event.message)
          break
        case 'status':
          if (event.status === 'disconnected' && connected)
            settle(
              exitCodeForError(event.code ?? 'network'),
              event.reason ?? 'The connection dropped before the reply was complete.'
            )
          break
        case 'transcript_done':
          if (event.role !== 'user') break
          questionTranscribed = true
          // After the same burst's turn_metrics, which carries the transcription's cost.
          if (transcriptionWait !== undefined) setImmediate(() => settle(ExitCode.ok, null))
          break
        case 'response_done':
          // A tool call's events and the follow-up response_started can trail this event within
          // the same burst of socket messages: judge after them.
          setImmediate(() => judge(event.responseId, event.status))
          break
        default:
          break
      }
    }

    const onAbort = (): void => settle(ExitCode.interrupted, 'Interrupted.')
    // Declared before anything can call settle(), which clears it.
    const timer = setTimeout(() => {
      const lastWords = lastError ? ` (last error: ${lastError.message})` : ''
      settle(
        ExitCode.timeout,
        connected
          ? `No complete reply within ${timeoutSeconds} s${lastWords}.`
          : `Could not connect within ${timeoutSeconds} s.`
      )
    }, options.timeoutMs)
    unsubscribe = controller.subscribe(onEvent)
    if (options.signal?.aborted === true) onAbort()
    options.signal?.addEventListener('abort', onAbort, { once: true })

    controller.start().then(
      () => {
        if (settled) return
        connected = true
        state.markConnected()
        try {
          if (!sendQuestion(controller, options.request, state))
            settle(
              ExitCode.usage,
              `The question audio is too short: the API needs at least ${AUDIO_CHUNK_MS} ms.`
            )
        } catch (error) {
          fail(error)
        }
      },
      (error: unknown) => fail(error)
    )
  })

  if (!options.json && state.hasOpenLine) sinks.stdout('\n')
  if (options.json && state.sent) sinks.stdout(`${JSON.stringify(state.metrics())}\n`)
  await stopWithin(controller, STOP_GRACE_MS)
  return {
    ...outcome,
    transcript: state.transcript,
    audio: state.audio,
    metrics: state.metrics()
  }
}

/** Send the question; false when audio was too short to commit. */
function sendQuestion(
  controller: RealtimeControllerApi,
  request: TurnRequest,
  state: TurnState
): boolean {
  if (request.kind === 'text') {
    state.markSent(null)
    controller.sendText(request.text)
    return true
  }
  const bytes = new Uint8Array(request.pcm.buffer, request.pcm.byteOffset, request.pcm.byteLength)
  for (let offset = 0; offset < bytes.byteLength; offset += AUDIO_CHUNK_BYTES)
    controller.appendAudio(bytes.subarray(offset, offset + AUDIO_CHUNK_BYTES))
  // Time to first audio counts from the commit: everything before it is the user still talking.
  state.markSent(pcmBytesToMs(bytes.byteLength))
  return controller.commitUserTurn()
}

function describeFailure(error: unknown): { exitCode: ExitCode; message: string } {
  if (error instanceof RealtimeCoreError) {
    // For the CLI, "not connected" can only mean the connection went away under it.
    if (error.code === 'not_connected')
      return { exitCode: ExitCode.connection, message: 'The connection dropped.' }
    return { exitCode: exitCodeForError(error.code), message: error.message }
  }
  if (error instanceof MissingApiKeyError)
    return { exitCode: ExitCode.auth, message: 'No API key: set OPENAI_API_KEY.' }
  const message = error instanceof Error ? error.message : String(error)
  return { exitCode: ExitCode.other, message: message || 'Something went wrong.' }
}

/** Core events as JSON lines: audio is summarised by its size, never dumped. */
function summarise(event: RealtimeCoreEvent): unknown {
  // Server-supplied text (error messages, close reasons) is redacted before it is printed.
  if (event.type === 'error') return { ...event, message: redactText(event.message) }
  if (event.type === 'status' && event.reason !== undefined)
    return { ...event, reason: redactText(event.reason) }
  if (event.type !== 'audio') return event
  const { pcm, ...rest } = event
  return { ...rest, bytes: pcm.byteLength }
}

async function stopWithin(controller: RealtimeControllerApi, graceMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs)
    timer.unref()
  })
  try {
    await Promise.race([controller.stop().catch(() => undefined), grace])
  } finally {
    clearTimeout(timer)
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim()
}

function formatSeconds(ms: number): string {
  return String(Number((ms / 1000).toFixed(3)))
}
