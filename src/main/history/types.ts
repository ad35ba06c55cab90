// What the history keeps of a conversation. Plain data: it is written as JSON Lines (see
// docs/architecture.md, "History storage") and sent to the window through IPC.

/** One message or tool call as kept; the latest record for an itemId wins. */
export interface StoredItem {
  itemId: string
  kind: 'message' | 'function_call'
  role?: 'user' | 'assistant'
  /** Typed text or transcript; null when none was known (an answer interrupted before any). */
  text: string | null
  status: 'completed' | 'incomplete'
  /** Epoch milliseconds when the item was kept. */
  atMs: number
  /** An interrupted answer: how much of it the user heard (the truncate's audio_end_ms). */
  heardMs?: number
  name?: string
  arguments?: string
  output?: string | null
  /** Per-turn figures where known (the metrics event of issue 9 fills them in). */
  costUsd?: number
  latencyMs?: number
}

/** Token usage of one response, as the server reported it in response.done. */
export interface StoredUsage {
  responseId: string
  inputTokens: number
  outputTokens: number
  atMs: number
}

/** One line of a conversation file (after decryption). `k` names the kind. */
export type ConversationRecord =
  | {
      k: 'start'
      id: string
      startedAtMs: number
      model: string
      voice: string
      /** Set for a conversation begun with Continue from an older one. */
      continuedFrom?: string
      /** Whose conversation it is (issue 14); absent in older files = the default assistant. */
      assistantId?: string
    }
  | ({ k: 'item' } & StoredItem)
  | ({ k: 'usage' } & StoredUsage)
  | {
      /** Figures that arrive after the item (cost, latency): merged into the item they name. */
      k: 'metrics'
      itemId: string
      costUsd?: number
      latencyMs?: number
    }
  | { k: 'title'; title: string }
  | { k: 'recording'; fileName: string }
  | { k: 'end'; endedAtMs: number }

/** What the list shows of one conversation; kept in the index. */
export interface ConversationSummary {
  id: string
  title: string
  startedAtMs: number
  updatedAtMs: number
  itemCount: number
  /** The WAV file name in the recordings folder, when one was recorded. */
  recording?: string
  /** Whose conversation it is (issue 14); absent = the default assistant (older files too). */
  assistantId?: string
}

export interface Conversation extends ConversationSummary {
  model: string
  voice: string
  continuedFrom?: string
  endedAtMs?: number
  items: StoredItem[]
  usage: StoredUsage[]
  /** Sentences for the user: parts that could not be read and where they were kept. */
  notices: string[]
}

/** How the history is being kept on this machine, for Settings and the CLI. */
export type HistoryMode =
  /** Encrypted with a key kept by the OS key store. */
  | 'encrypted'
  /** No key store; the user agreed to plain files. */
  | 'plain'
  /** No key store and no agreement: nothing is saved. */
  | 'off'
  /** The folder is encrypted with a key this process cannot reach (the CLI, a changed keyring). */
  | 'locked'

/** Conversation ids are generated here; anything else (a path, a typo) is refused. */
export const CONVERSATION_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{6}$/

export function isConversationId(value: string): boolean {
  return CONVERSATION_ID_PATTERN.test(value)
}
