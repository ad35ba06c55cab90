// Test double (used by the CLI's unit tests only): a RealtimeControllerApi that records what it
// is asked to send and emits scripted core events, one per macrotask like socket messages.

import { concatBytes } from '../../src/shared/pcm'
import { RealtimeCoreError } from '../../src/main/realtime/controller-api'
import type {
  RealtimeControllerApi,
  RealtimeCoreListener
} from '../../src/main/realtime/controller-api'
import { runTurn } from '../../src/main/cli/run-turn'
import type { RunTurnOptions, TurnRequest, TurnResult } from '../../src/main/cli/run-turn'

export { concatBytes }
import type {
  ConnectionStatus,
  ErrorCode,
  RealtimeCoreEvent,
  UsageTotals
} from '../../src/shared/realtime-events'

/** A scripted event, or a step to run between events (advance a clock, drop the socket…). */
export type ScriptStep = RealtimeCoreEvent | (() => void)

export class ScriptedController implements RealtimeControllerApi {
  status: ConnectionStatus = 'disconnected'
  readonly sessionLifetimeMs = undefined
  /** What start() does: connect, never finish, or reject. */
  startBehaviour: 'connect' | 'hang' | Error = 'connect'
  /** Runs just before start() resolves. */
  onConnect: () => void = () => undefined
  /** Runs once the question is sent (sendText, or an accepted commit). */
  onTurn: (controller: ScriptedController) => void | Promise<void> = () => undefined
  commitAccepted = true
  /** Runs on each appendAudio, e.g. to advance a test clock as real streaming would. */
  onAppend: () => void = () => undefined

  readonly texts: string[] = []
  readonly appended: Uint8Array[] = []
  commits = 0
  stopCalls = 0

  readonly #listeners = new Set<RealtimeCoreListener>()
  #cancelStart: ((error: Error) => void) | undefined

  subscribe(listener: RealtimeCoreListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  async start(): Promise<void> {
    this.#setStatus('connecting')
    await nextMacrotask()
    const behaviour = this.startBehaviour
    if (behaviour === 'hang')
      return new Promise<void>((_resolve, reject) => {
        this.#cancelStart = reject
      })
    if (behaviour instanceof Error) {
      const code = behaviour instanceof RealtimeCoreError ? behaviour.code : undefined
      this.status = 'disconnected'
      this.emit({ type: 'status', status: 'disconnected', reason: behaviour.message, code })
      throw behaviour
    }
    this.onConnect()
    this.#setStatus('connected')
  }

  stop(): Promise<void> {
    this.stopCalls++
    this.#cancelStart?.(new Error('The session was closed before it finished connecting.'))
    if (this.status !== 'disconnected') {
      this.status = 'disconnected'
      this.emit({ type: 'status', status: 'disconnected', reason: 'The session was closed.' })
    }
    return Promise.resolve()
  }

  sendText(text: string): void {
    this.#requireConnected()
    this.texts.push(text)
    this.#runTurnScript()
  }

  appendAudio(pcm: Uint8Array): void {
    this.appended.push(pcm.slice())
    this.onAppend()
  }

  commitUserTurn(): boolean {
    this.#requireConnected()
    this.commits++
    if (!this.commitAccepted) return false
    this.#runTurnScript()
    return true
  }

  cancelUserTurn(): void {
    this.#requireConnected()
  }

  interrupt(): void {}

  reportPlayback(): void {}

  /** The CLI runs one turn per session and never reconnects. */
  checkConnection(): void {
    // A scripted session never goes dead.
  }

  seedHistory(): number {
    return 0
  }

  emit(event: RealtimeCoreEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  /** Emit the steps one per macrotask. */
  async play(steps: readonly ScriptStep[]): Promise<void> {
    for (const step of steps) {
      await nextMacrotask()
      if (typeof step === 'function') step()
      else this.emit(step)
    }
  }

  /** Drop the connection as the real controller reports it. */
  drop(reason: string, code?: ErrorCode): void {
    this.status = 'disconnected'
    this.emit({ type: 'status', status: 'disconnected', reason, ...(code ? { code } : {}) })
  }

  #runTurnScript(): void {
    void Promise.resolve(this.onTurn(this))
  }

  #requireConnected(): void {
    if (this.status !== 'connected')
      throw new RealtimeCoreError('not_connected', 'Not connected to the Realtime server.')
  }

  #setStatus(status: ConnectionStatus): void {
    this.status = status
    this.emit({ type: 'status', status })
  }
}

export const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

const NO_USAGE: UsageTotals = { inputTokens: 0, outputTokens: 0, totalTokens: 0 }

/** A spoken response: transcript deltas interleaved with audio chunks, then the dones. */
export function spokenResponse(opts: {
  responseId: string
  itemId: string
  words: readonly string[]
  chunks: readonly Uint8Array[]
  usage?: UsageTotals
  status?: string
}): RealtimeCoreEvent[] {
  const { responseId, itemId } = opts
  const events: RealtimeCoreEvent[] = [{ type: 'response_started', responseId }]
  const steps = Math.max(opts.words.length, opts.chunks.length)
  for (let i = 0; i < steps; i++) {
    const word = opts.words[i]
    const chunk = opts.chunks[i]
    if (word !== undefined)
      events.push({ type: 'transcript_delta', role: 'assistant', itemId, delta: word })
    if (chunk !== undefined) events.push({ type: 'audio', responseId, itemId, pcm: chunk })
  }
  events.push(
    { type: 'audio_done', responseId, itemId },
    { type: 'transcript_done', role: 'assistant', itemId, text: opts.words.join('') },
    {
      type: 'response_done',
      responseId,
      status: opts.status ?? 'completed',
      usage: opts.usage ?? NO_USAGE
    }
  )
  return events
}

/** A response that only calls a tool (the SDK then runs it and asks for another response). */
export function toolCallResponse(opts: {
  responseId: string
  callId: string
  name: string
  usage?: UsageTotals
}): RealtimeCoreEvent[] {
  return [
    { type: 'response_started', responseId: opts.responseId },
    { type: 'tool_call', callId: opts.callId, name: opts.name, arguments: '{}' },
    {
      type: 'response_done',
      responseId: opts.responseId,
      status: 'completed',
      usage: opts.usage ?? NO_USAGE
    }
  ]
}

/** Deterministic PCM16 bytes: `count` samples counting up from `start`. */
export function pcmChunk(start: number, count: number): Uint8Array {
  const samples = new Int16Array(count)
  for (let i = 0; i < count; i++) samples[i] = (start + i) % 32768
  return new Uint8Array(samples.buffer)
}

export const ZERO_USAGE: UsageTotals = NO_USAGE

/** runTurn against a scripted controller, collecting stdout; text question by default. */
export async function runScriptedTurn(
  controller: ScriptedController,
  options: Partial<RunTurnOptions> = {},
  now?: () => number
): Promise<{ result: TurnResult; stdout: string }> {
  let stdout = ''
  const request: TurnRequest = options.request ?? { kind: 'text', text: 'What time is it?' }
  const result = await runTurn(
    controller,
    { timeoutMs: 5000, json: false, ...options, request },
    { stdout: (text) => (stdout += text), ...(now ? { now } : {}) }
  )
  return { result, stdout }
}
