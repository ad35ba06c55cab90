// What the Realtime core tells the rest of Hark. Shared because the renderer shows these (through
// IPC) and the CLI prints them. Plain data only: every event must survive structured clone and
// JSON (except `pcm`, which crosses IPC as binary).
import type { TurnMetrics } from './turn-metrics'

/** Stable error codes: UI text and CLI exit codes are chosen from these, never from messages. */
export const errorCodes = [
  'auth', // the endpoint rejected the API key (HTTP 401/403, or an `invalid_api_key` error event)
  'network', // could not reach the endpoint, or the socket dropped
  'rate_limit', // 429 or a `rate_limit_exceeded` error event
  'server', // the API reported a failure of its own (5xx, `server_error`)
  'protocol', // the server sent something we cannot use (malformed JSON, invalid item)
  'invalid_request', // the API rejected something we sent (a client bug or a bad setting)
  'invalid_input', // Hark's caller handed the core bad input (odd PCM length, oversized chunk)
  'not_connected', // a command that needs a session was given while none is open
  'tool', // a local tool failed
  'storage', // a file Hark keeps could not be written (read-only folder, full disk, a folder in the way)
  'unknown'
] as const
export type ErrorCode = (typeof errorCodes)[number]

export type ConnectionStatus = 'disconnected' | 'connecting' | 'connected'

export type TurnDetectionMode = 'none' | 'semantic_vad' | 'server_vad'

export type Role = 'user' | 'assistant'

/** A conversation item as Hark shows and stores it (flattened from the SDK's RealtimeItem). */
export interface ConversationItem {
  itemId: string
  kind: 'message' | 'function_call'
  role?: Role
  /** Text typed or transcribed (user) or spoken (assistant); null while not yet known. */
  text: string | null
  status: 'in_progress' | 'completed' | 'incomplete'
  /** For function calls. */
  name?: string
  arguments?: string
  output?: string | null
}

export interface UsageTotals {
  inputTokens: number
  outputTokens: number
  totalTokens: number
}

export type RealtimeCoreEvent =
  | {
      type: 'status'
      status: ConnectionStatus
      /** Human sentence for `disconnected` (why), e.g. "The connection dropped." */
      reason?: string
      /** Set when the disconnect was caused by an error. */
      code?: ErrorCode
    }
  | {
      /** PCM16 24 kHz mono little-endian bytes, exactly as the server sent them. */
      type: 'audio'
      responseId: string
      itemId: string
      pcm: Uint8Array
    }
  | {
      /** Stop playback now: the assistant was interrupted (barge-in, VAD, Stop). */
      type: 'audio_interrupted'
      itemId: string | null
    }
  | { type: 'audio_done'; responseId: string; itemId: string }
  | { type: 'transcript_delta'; role: Role; itemId: string; delta: string }
  | { type: 'transcript_done'; role: Role; itemId: string; text: string }
  | { type: 'speech_started'; itemId: string | null }
  | { type: 'speech_stopped'; itemId: string | null }
  | { type: 'history'; items: ConversationItem[] }
  | { type: 'response_started'; responseId: string }
  | {
      type: 'response_done'
      responseId: string
      status: string
      usage: UsageTotals
    }
  | {
      /** A function call the model made; `output` arrives in a later history event. */
      type: 'tool_call'
      callId: string
      name: string
      arguments: string
    }
  | {
      /** The truncate Hark sent after an interruption (what the model now believes was heard). */
      type: 'truncated'
      itemId: string
      audioEndMs: number
    }
  /**
   * A response's cost and latency. Sent at its `response.done`, and again (superseding it) when
   * the first sample is heard after that.
   */
  | ({ type: 'turn_metrics' } & TurnMetrics)
  | { type: 'error'; code: ErrorCode; message: string }

export type RealtimeCoreEventType = RealtimeCoreEvent['type']
