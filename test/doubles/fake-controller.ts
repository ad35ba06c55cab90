// Test double for main's IPC router tests: a RealtimeControllerApi that records every command,
// reads the key through its config at start (as the real controller does at connect time) and
// lets the test emit any core event.
import type { RealtimeConfig } from '../../src/main/realtime/config'
import {
  RealtimeCoreError,
  type RealtimeControllerApi,
  type RealtimeCoreListener
} from '../../src/main/realtime/controller-api'
import type {
  ConnectionStatus,
  ConversationItem,
  ErrorCode,
  RealtimeCoreEvent
} from '../../src/shared/realtime-events'

export type FakeCall =
  | { method: 'start' | 'stop' | 'interrupt' | 'commitUserTurn' | 'cancelUserTurn' }
  | { method: 'sendText'; text: string }
  | { method: 'sendImage'; dataUrlPrefix: string }
  | { method: 'checkConnection' }
  | { method: 'appendAudio'; bytes: number }
  | { method: 'reportPlayback'; itemId: string; playedMs: number; final: boolean }
  | { method: 'seedHistory'; items: ConversationItem[]; respond?: true }

export class FakeController implements RealtimeControllerApi {
  status: ConnectionStatus = 'disconnected'
  /** What the server's `session.created` said (undefined: it did not say). */
  sessionLifetimeMs: number | undefined = undefined
  readonly calls: FakeCall[] = []
  /** The item ids sendText was given, in order (kept apart so `calls` stays comparable). */
  readonly sentItemIds: (string | undefined)[] = []
  /** The key start() obtained from the config; tests check it without it leaking anywhere. */
  keySeen: string | null = null
  /** Make start() reject with this error (after reading the key). */
  failStart: Error | null = null
  readonly #listeners = new Set<RealtimeCoreListener>()

  constructor(readonly config: RealtimeConfig) {}

  subscribe(listener: RealtimeCoreListener): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  emit(event: RealtimeCoreEvent): void {
    for (const listener of this.#listeners) listener(event)
  }

  async start(): Promise<void> {
    this.calls.push({ method: 'start' })
    this.#setStatus('connecting')
    try {
      this.keySeen = await this.config.apiKey()
      if (this.failStart) throw this.failStart
    } catch (error) {
      this.status = 'disconnected'
      // Like the real controller: a coded failure puts its code on the final status.
      this.emit({
        type: 'status',
        status: 'disconnected',
        reason: 'Could not connect.',
        ...(error instanceof RealtimeCoreError ? { code: error.code } : {})
      })
      throw error
    }
    this.#setStatus('connected')
  }

  stop(): Promise<void> {
    this.calls.push({ method: 'stop' })
    if (this.status !== 'disconnected') this.#setStatus('disconnected')
    return Promise.resolve()
  }

  sendText(text: string, itemId?: string): void {
    this.calls.push({ method: 'sendText', text })
    this.sentItemIds.push(itemId)
  }

  checkConnection(): void {
    this.calls.push({ method: 'checkConnection' })
  }

  appendAudio(pcm: Uint8Array): void {
    this.calls.push({ method: 'appendAudio', bytes: pcm.byteLength })
  }

  sendImage(dataUrl: string): void {
    this.calls.push({ method: 'sendImage', dataUrlPrefix: dataUrl.slice(0, 27) })
  }

  commitUserTurn(): boolean {
    this.calls.push({ method: 'commitUserTurn' })
    return true
  }

  cancelUserTurn(): void {
    this.calls.push({ method: 'cancelUserTurn' })
  }

  interrupt(): void {
    this.calls.push({ method: 'interrupt' })
  }

  reportPlayback(itemId: string, playedMs: number, final = false): void {
    this.calls.push({ method: 'reportPlayback', itemId, playedMs, final })
  }

  seedHistory(items: readonly ConversationItem[], options?: { respond?: boolean }): number {
    this.calls.push({
      method: 'seedHistory',
      items: [...items],
      ...(options?.respond ? { respond: true as const } : {})
    })
    return items.length
  }

  /** The server dropped the socket, as the real controller reports it. */
  drop(): void {
    this.end('The connection to the Realtime server dropped.', 'network')
  }

  /** The session ended for a reason (a close code the real controller classified). */
  end(reason: string, code: ErrorCode): void {
    this.status = 'disconnected'
    this.emit({ type: 'status', status: 'disconnected', reason, code })
  }

  #setStatus(status: ConnectionStatus): void {
    this.status = status
    this.emit({ type: 'status', status })
  }
}

/** A reversible stand-in for safeStorage: not secure, only recognisably transformed. */
export class FakeCipher {
  available = true
  encryptCalls = 0

  isAvailable(): boolean {
    return this.available
  }

  encrypt(plain: string): Buffer {
    this.encryptCalls++
    return Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('base64')}`, 'utf8')
  }

  decrypt(data: Buffer): string {
    const text = data.toString('utf8')
    if (!text.startsWith('enc:')) throw new Error('not encrypted by FakeCipher')
    return Buffer.from(text.slice(4), 'base64').toString('utf8')
  }
}
