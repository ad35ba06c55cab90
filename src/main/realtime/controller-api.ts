import type {
  ConnectionStatus,
  ConversationItem,
  ErrorCode,
  RealtimeCoreEvent
} from '../../shared/realtime-events'

/** An error the core throws or rejects with: always a stable code and a human sentence. */
export class RealtimeCoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'RealtimeCoreError'
  }
}

export type RealtimeCoreListener = (event: RealtimeCoreEvent) => void

/**
 * One conversation with the Realtime API. Implemented by RealtimeController; the Electron
 * adapters, the browser host and the CLI only see this.
 */
export interface RealtimeControllerApi {
  readonly status: ConnectionStatus
  /**
   * How long the server session lives from its `session.created` (its `expires_at`), or
   * undefined when the server did not say.
   */
  readonly sessionLifetimeMs: number | undefined
  /** Subscribe to every core event; returns the unsubscribe function. */
  subscribe(listener: RealtimeCoreListener): () => void
  /** Connect. Resolves once connected; rejects with a RealtimeCoreError (auth, network, …). */
  start(): Promise<void>
  /** Close the session. Never throws. */
  stop(): Promise<void>
  /**
   * Send a typed user message and request a response. `itemId` names the item, so that its
   * `conversation.item.added` can be recognised and a resend after a reconnect is the same item.
   */
  sendText(text: string, itemId?: string, options?: RespondOptions): void
  /**
   * Add an image (a `data:image/jpeg;base64,…` URL) to the conversation as a user `input_image`
   * item, without asking for a response: the user's message follows it. Engines that cannot take
   * images leave it out.
   */
  sendImage?(dataUrl: string, itemId?: string): void
  /** Append PCM16 24 kHz mono bytes to the input buffer. Throws `invalid_input` on bad chunks. */
  /**
   * Returns false when the chunk was dropped (not connected, GPT-Live's muted microphone), so
   * that only audio really sent is recorded; nothing (void) counts as sent.
   */
  appendAudio(pcm: Uint8Array): boolean | void
  /**
   * End the user's turn (push-to-talk key up): `input_audio_buffer.commit` + `response.create`.
   * Returns false, sending nothing, when too little audio was appended to commit (the API rejects
   * commits under 100 ms with `input_audio_buffer_commit_empty`).
   */
  commitUserTurn(options?: RespondOptions): boolean
  /**
   * Drop the user's uncommitted audio (`input_audio_buffer.clear`): a hotkey press too short to
   * hold speech must not become a turn.
   */
  cancelUserTurn(): void
  /** Stop the assistant: cancel the response if any, truncate at the played position. */
  interrupt(): void
  /** The renderer's report of how much of an assistant item has actually been played. */
  reportPlayback(itemId: string, playedMs: number, final?: boolean): void
  /**
   * Replay an earlier conversation into this (new, empty) server session as text items, so the
   * model keeps its context after a reconnect. `respond` asks for a response afterwards (the
   * last question was not answered, or its answer was cut). Returns how many items were sent;
   * throws `not_connected` without a session.
   */
  seedHistory(items: readonly ConversationItem[], options?: SeedOptions): number
  /** Probe the socket now (after sleep or a network change); a dead one ends as a drop. */
  checkConnection(): void
  /** `response.create` for the input already in the conversation (a turn held by the budget). */
  requestResponse?(): void
  /**
   * Hands-free: whether the server VAD starts a response by itself after each turn
   * (`turn_detection.create_response`). Off while the monthly budget is spent (budget-gate.ts).
   */
  setAutoRespond?(on: boolean): void
}

/** `respond: false` sends the user's turn without `response.create` (held by the budget). */
export interface RespondOptions {
  respond?: boolean
}

export interface SeedOptions {
  /** Ask for a response after the items. */
  respond?: boolean
  /** Screen looks to replay as pictures: the image's data URL by its item id. */
  images?: ReadonlyMap<string, string>
}
