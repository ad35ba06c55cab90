// One conversation = one JSON Lines file: a plain header, then one record per line (encrypted
// under the data key, or plain where the user agreed). Reading keeps what it can: a torn last
// line, a line under another key or a file from a newer Hark are copied aside (the original is
// never changed) and named in a notice.
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { parseHeader, readLines } from './jsonl-file'
import type { LineCodec } from './line-codec'
import type { Conversation, ConversationRecord, StoredItem, StoredUsage } from './types'

export const CONVERSATION_KIND = 'hark-conversation'
export const CONVERSATION_VERSION = 1

export function conversationHeader(): string {
  return JSON.stringify({ hark: CONVERSATION_KIND, v: CONVERSATION_VERSION })
}

/** The title the list shows until the user renames it: the first user words. */
export const TITLE_MAX_CHARS = 80
export function titleFrom(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim()
  return words.length <= TITLE_MAX_CHARS ? words : `${words.slice(0, TITLE_MAX_CHARS - 1)}…`
}
export const UNTITLED = 'Conversation'

export async function readConversation(
  path: string,
  id: string,
  codec: LineCodec,
  asideDir: string
): Promise<Conversation | null> {
  const lines = await readLines(path)
  if (lines === null) return null
  const conversation: Conversation = {
    id,
    title: UNTITLED,
    startedAtMs: 0,
    updatedAtMs: 0,
    itemCount: 0,
    model: '',
    voice: '',
    items: [],
    usage: [],
    notices: []
  }
  const header = parseHeader(lines[0], CONVERSATION_KIND)
  if (header !== null && header.v > CONVERSATION_VERSION) {
    conversation.notices.push(
      `This conversation was saved by a newer version of Hark and cannot be shown; its file is kept unchanged at ${path}.`
    )
    return conversation
  }
  const items = new Map<string, StoredItem>()
  const usage: StoredUsage[] = []
  let renamed: string | null = null
  const unreadable: string[] = []
  for (const line of header === null ? lines : lines.slice(1)) {
    let record: ConversationRecord
    try {
      record = codec.decode(line) as ConversationRecord
    } catch {
      unreadable.push(line)
      continue
    }
    switch (record.k) {
      case 'start':
        conversation.startedAtMs = record.startedAtMs
        conversation.model = record.model
        conversation.voice = record.voice
        if (record.continuedFrom !== undefined) conversation.continuedFrom = record.continuedFrom
        if (record.assistantId !== undefined) conversation.assistantId = record.assistantId
        break
      case 'item': {
        const { k: _kind, ...item } = record
        const before = items.get(item.itemId)
        items.set(item.itemId, { ...before, ...item })
        conversation.updatedAtMs = Math.max(conversation.updatedAtMs, item.atMs)
        break
      }
      case 'usage': {
        const { k: _kind, ...entry } = record
        usage.push(entry)
        break
      }
      case 'metrics': {
        const item = items.get(record.itemId)
        if (item) {
          if (record.costUsd !== undefined) item.costUsd = record.costUsd
          if (record.latencyMs !== undefined) item.latencyMs = record.latencyMs
        }
        break
      }
      case 'title':
        renamed = record.title
        break
      case 'recording':
        conversation.recording = record.fileName
        break
      case 'end':
        conversation.endedAtMs = record.endedAtMs
        conversation.updatedAtMs = Math.max(conversation.updatedAtMs, record.endedAtMs)
        break
      default:
        // A record kind from a newer Hark: skipped, kept in the file.
        unreadable.push(line)
    }
  }
  conversation.items = [...items.values()]
  conversation.usage = usage
  conversation.itemCount = conversation.items.length
  conversation.updatedAtMs = Math.max(conversation.updatedAtMs, conversation.startedAtMs)
  const firstUser = conversation.items.find((item) => item.role === 'user' && item.text)
  conversation.title = renamed ?? (firstUser?.text ? titleFrom(firstUser.text) : UNTITLED)
  if (unreadable.length > 0) conversation.notices.push(await keepAside(asideDir, path, unreadable))
  return conversation
}

/** Copies the unreadable lines beside the history (once per file) and says where. */
async function keepAside(asideDir: string, path: string, lines: string[]): Promise<string> {
  const asidePath = join(asideDir, `${basename(path, '.jsonl')}.unreadable.jsonl`)
  const count = lines.length === 1 ? '1 record' : `${lines.length} records`
  try {
    if (!existsSync(asidePath)) {
      await mkdir(asideDir, { recursive: true })
      await writeFile(asidePath, lines.map((line) => `${line}\n`).join(''), { mode: 0o600 })
    }
  } catch {
    return `${count} of this conversation could not be read (a torn or damaged line, or another key); the file is kept unchanged at ${path}.`
  }
  return `${count} of this conversation could not be read (a torn or damaged line, or another key); a copy is kept at ${asidePath} and the file is unchanged.`
}
