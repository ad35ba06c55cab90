// The history of conversations on this machine (issue 11; engine and reasons in
// docs/architecture.md, "History storage"). Electron-free: the app, the browser host and the CLI
// open the same folder. One JSON Lines file per conversation holds everything; the index and the
// search text are derived maps (keyed-log.ts) that make listing and searching 10,000
// conversations one decryption each.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, renameSync } from 'node:fs'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { SecretCipher } from '../storage/key-store'
import { conversationHeader, readConversation, titleFrom, UNTITLED } from './conversation-file'
import { loadDataKey } from './data-key'
import { JsonlAppender } from './jsonl-file'
import { KeyedLog } from './keyed-log'
import { createLineCodec, type LineCodec } from './line-codec'
import { searchConversations, toSearchText, type SearchHit, type SearchText } from './search'
import {
  isConversationId,
  type Conversation,
  type ConversationRecord,
  type ConversationSummary,
  type HistoryMode,
  type StoredItem,
  type StoredUsage
} from './types'

export const HISTORY_DIR = 'history'
const DAY_MS = 24 * 60 * 60 * 1000

export class HistoryLockedError extends Error {
  constructor(readonly folder: string) {
    super(
      `The history in ${folder} is encrypted with a key kept by the desktop app's key store, which cannot be reached here.`
    )
    this.name = 'HistoryLockedError'
  }
}

export class HistoryOffError extends Error {
  constructor() {
    super(
      'History is not being saved: this system has no key store, and storing it unencrypted was not allowed.'
    )
    this.name = 'HistoryOffError'
  }
}

export interface HistoryStoreOptions {
  dataDir: string
  cipher: SecretCipher
  /** The user agreed to plain files where there is no key store. */
  plainAllowed: boolean
  /** Keep conversations this many days after their last change; null = forever. */
  retentionDays?: number | null
  /** False for readers (CLI list/show/search/export): no key is made, nothing is compacted. */
  writable: boolean
  now?: () => number
}

export interface ConversationStart {
  model: string
  voice: string
  continuedFrom?: string
  /** Whose conversation it is (issue 14); absent = the default assistant (older files too). */
  assistantId?: string
}

/** Appends one live conversation's records. Every method throws on a failed write (ENOSPC). */
export interface ConversationWriter {
  readonly id: string
  putItem(item: StoredItem): void
  putUsage(usage: StoredUsage): void
  putMetrics(metrics: { itemId: string; costUsd?: number; latencyMs?: number }): void
  /** Names the conversation's recording (a file in history/recordings/). */
  putRecording(fileName: string): void
  end(): void
}

export interface HistoryList {
  conversations: ConversationSummary[]
  notices: string[]
}

export interface HistoryStore {
  readonly folder: string
  readonly mode: HistoryMode
  readonly encrypted: boolean
  begin(start: ConversationStart): ConversationWriter
  list(): Promise<HistoryList>
  get(id: string): Promise<Conversation | null>
  search(query: string): Promise<{ hits: (SearchHit & { summary: ConversationSummary })[] }>
  rename(id: string, title: string): Promise<boolean>
  /** Moves it to the trash, where `restore` finds it until the next start. */
  delete(id: string): Promise<boolean>
  restore(id: string): Promise<boolean>
  /** Gone for good (the CLI's delete, retention). */
  purge(id: string): Promise<boolean>
  deleteAll(): Promise<void>
  /** The recording's file, when the conversation has one that is still there. */
  recordingPath(id: string): Promise<string | null>
}

export async function openHistoryStore(options: HistoryStoreOptions): Promise<HistoryStore> {
  const folder = join(options.dataDir, HISTORY_DIR)
  const now = options.now ?? Date.now
  const keyState = await loadDataKey({
    historyDir: folder,
    cipher: options.cipher,
    plainAllowed: options.plainAllowed,
    createIfMissing: options.writable
  })
  const codec = createLineCodec(keyState.key)
  const dirs = {
    conversations: join(folder, 'conversations'),
    trash: join(folder, 'trash'),
    aside: join(folder, 'aside'),
    recordings: join(folder, 'recordings')
  }
  const appender = new JsonlAppender()
  const index = new KeyedLog<ConversationSummary>(folder, 'index', codec, appender, summaryForm)
  const searchLog = new KeyedLog<string>(folder, 'search', codec, appender)
  const canWrite = keyState.mode === 'encrypted' || keyState.mode === 'plain'
  const store = new Store(folder, keyState.mode, codec, dirs, index, searchLog, appender, now)
  if (options.writable && canWrite) await store.maintain(options.retentionDays ?? null)
  return store
}

interface Dirs {
  conversations: string
  trash: string
  aside: string
  recordings: string
}

class Store implements HistoryStore {
  /** Search text, loaded on the first search and kept current by this process's writes. */
  #texts: Map<string, SearchText> | undefined
  /** Deleted this run, for undo: the summary and text to put back. */
  readonly #trash = new Map<string, { summary: ConversationSummary; text: string | undefined }>()
  readonly #notices: string[] = []

  constructor(
    readonly folder: string,
    readonly mode: HistoryMode,
    readonly codec: LineCodec,
    readonly dirs: Dirs,
    readonly index: KeyedLog<ConversationSummary>,
    readonly searchLog: KeyedLog<string>,
    readonly appender: JsonlAppender,
    readonly now: () => number
  ) {}

  get encrypted(): boolean {
    return this.codec.encrypted
  }

  /** At a writer's start: empty last run's trash, fold long journals, apply retention. */
  async maintain(retentionDays: number | null): Promise<void> {
    await rm(this.dirs.trash, { recursive: true, force: true })
    for (const log of [this.index, this.searchLog] as KeyedLog<unknown>[]) {
      const loaded = await log.load()
      if (log.shouldCompact(loaded)) await log.writeSnapshot(loaded.map)
    }
    await this.#indexStrays()
    if (retentionDays === null) return
    const cutoffMs = this.now() - retentionDays * DAY_MS
    const { map } = await this.index.load()
    for (const summary of map.values())
      if (summary.updatedAtMs < cutoffMs) await this.purge(summary.id)
  }

  #requireReadable(): void {
    if (this.mode === 'locked') throw new HistoryLockedError(this.folder)
  }

  #path(id: string): string {
    return join(this.dirs.conversations, `${id}.jsonl`)
  }

  begin(start: ConversationStart): ConversationWriter {
    if (this.mode === 'locked') throw new HistoryLockedError(this.folder)
    if (this.mode === 'off') throw new HistoryOffError()
    const startedAtMs = this.now()
    mkdirSync(this.dirs.conversations, { recursive: true, mode: 0o700 })
    // An id is the second plus 24 random bits: two conversations begun in the same second (two
    // assistants, or the bench's thousands a second) could draw the same one and share a file.
    let id = newConversationId(startedAtMs)
    while (existsSync(this.#path(id))) id = newConversationId(startedAtMs)
    const path = this.#path(id)
    const startRecord: ConversationRecord = { k: 'start', id, startedAtMs, ...start }
    this.appender.append(path, [conversationHeader(), this.codec.encode(startRecord)])
    const summary: ConversationSummary = {
      id,
      title: UNTITLED,
      startedAtMs,
      updatedAtMs: startedAtMs,
      itemCount: 0,
      ...(start.assistantId !== undefined ? { assistantId: start.assistantId } : {})
    }
    this.index.append([{ op: 'put', id, value: { ...summary } }])
    return new Writer(this, id, path, summary)
  }

  /** For the writer: keep the search text current in the cache and on disk. */
  putText(id: string, text: string): void {
    this.searchLog.append([{ op: 'put', id, value: text }])
    this.#texts?.set(id, toSearchText(text))
  }

  async list(): Promise<HistoryList> {
    this.#requireReadable()
    const loaded = await this.index.load()
    const notices = [...this.#notices]
    if (loaded.unreadable > 0)
      notices.push(
        `${loaded.unreadable} entries of the history's index could not be read; the conversations themselves are kept in ${this.dirs.conversations}.`
      )
    if (loaded.newerVersion)
      notices.push(
        `The history's index was written by a newer version of Hark; it is kept unchanged in ${this.folder}.`
      )
    const conversations = [...loaded.map.values()].sort((a, b) => b.startedAtMs - a.startedAtMs)
    return { conversations, notices }
  }

  async get(id: string): Promise<Conversation | null> {
    this.#requireReadable()
    if (!isConversationId(id)) return null
    return readConversation(this.#path(id), id, this.codec, this.dirs.aside)
  }

  async search(query: string): Promise<{ hits: (SearchHit & { summary: ConversationSummary })[] }> {
    const { conversations } = await this.list()
    const texts = await this.#searchTexts()
    const byId = new Map(conversations.map((summary) => [summary.id, summary]))
    const hits = searchConversations(query, texts, [...byId.keys()])
    return { hits: hits.map((hit) => ({ ...hit, summary: byId.get(hit.id)! })) }
  }

  async rename(id: string, title: string): Promise<boolean> {
    const summary = (await this.list()).conversations.find((entry) => entry.id === id)
    if (!summary) return false
    const clean = titleFrom(title) || UNTITLED
    this.appender.append(this.#path(id), [this.codec.encode({ k: 'title', title: clean })])
    this.index.append([{ op: 'put', id, value: { ...summary, title: clean } }])
    return true
  }

  async delete(id: string): Promise<boolean> {
    const summary = (await this.list()).conversations.find((entry) => entry.id === id)
    if (!summary) return false
    await mkdir(this.dirs.trash, { recursive: true })
    await rename(this.#path(id), join(this.dirs.trash, `${id}.jsonl`))
    await this.#moveRecording(summary, this.dirs.recordings, this.dirs.trash)
    const text = (await this.#searchTexts()).get(id)?.text
    this.#trash.set(id, { summary, text })
    this.index.append([{ op: 'del', id }])
    this.searchLog.append([{ op: 'del', id }])
    this.#texts?.delete(id)
    return true
  }

  async restore(id: string): Promise<boolean> {
    const entry = this.#trash.get(id)
    if (!entry) return false
    await rename(join(this.dirs.trash, `${id}.jsonl`), this.#path(id))
    await this.#moveRecording(entry.summary, this.dirs.trash, this.dirs.recordings)
    this.#trash.delete(id)
    this.index.append([{ op: 'put', id, value: entry.summary }])
    if (entry.text !== undefined) this.putText(id, entry.text)
    return true
  }

  async purge(id: string): Promise<boolean> {
    if (!isConversationId(id)) return false
    const summary = (await this.index.load()).map.get(id)
    if (!summary) return false
    await rm(this.#path(id), { force: true })
    if (summary.recording) await rm(join(this.dirs.recordings, summary.recording), { force: true })
    this.index.append([{ op: 'del', id }])
    this.searchLog.append([{ op: 'del', id }])
    this.#texts?.delete(id)
    return true
  }

  async deleteAll(): Promise<void> {
    for (const path of [
      this.dirs.conversations,
      this.dirs.trash,
      this.dirs.aside,
      this.dirs.recordings,
      this.index.snapshotPath,
      this.index.journalPath,
      this.searchLog.snapshotPath,
      this.searchLog.journalPath
    ]) {
      await rm(path, { recursive: true, force: true })
      this.appender.forget(path)
    }
    this.#texts = new Map()
    this.#trash.clear()
  }

  async recordingPath(id: string): Promise<string | null> {
    this.#requireReadable()
    const summary = (await this.index.load()).map.get(id)
    const name = summary?.recording
    if (!name || !isRecordingFileName(name)) return null
    const path = join(this.dirs.recordings, name)
    return existsSync(path) ? path : null
  }

  async #searchTexts(): Promise<Map<string, SearchText>> {
    if (!this.#texts) {
      const loaded = await this.searchLog.load()
      this.#texts = new Map([...loaded.map].map(([id, text]) => [id, toSearchText(text)]))
    }
    return this.#texts
  }

  async #moveRecording(summary: ConversationSummary, from: string, to: string): Promise<void> {
    if (!summary.recording || !existsSync(join(from, summary.recording))) return
    await mkdir(to, { recursive: true })
    renameSync(join(from, summary.recording), join(to, summary.recording))
  }

  /** Conversation files the index does not know (an index lost, or a kill between the two
   * appends): their summaries and text are rebuilt from the files themselves. */
  async #indexStrays(): Promise<void> {
    const known = (await this.index.load()).map
    const names = await readdir(this.dirs.conversations).catch(() => [] as string[])
    for (const name of names) {
      const id = name.slice(0, -'.jsonl'.length)
      if (!name.endsWith('.jsonl') || !isConversationId(id) || known.has(id)) continue
      const conversation = await this.get(id)
      if (!conversation) continue
      const { id: _id, title, startedAtMs, updatedAtMs, itemCount, recording } = conversation
      const summary: ConversationSummary = { id, title, startedAtMs, updatedAtMs, itemCount }
      if (recording !== undefined) summary.recording = recording
      if (conversation.assistantId !== undefined) summary.assistantId = conversation.assistantId
      this.index.append([{ op: 'put', id, value: summary }])
      this.searchLog.append([
        { op: 'put', id, value: conversation.items.map(searchableText).join('\n') }
      ])
    }
  }
}

class Writer implements ConversationWriter {
  readonly #items = new Map<string, StoredItem>()
  #title: string | null = null

  constructor(
    readonly store: Store,
    readonly id: string,
    readonly path: string,
    readonly summary: ConversationSummary
  ) {}

  #append(record: ConversationRecord): void {
    this.store.appender.append(this.path, [this.store.codec.encode(record)])
  }

  #touch(): void {
    this.summary.updatedAtMs = this.store.now()
    this.summary.itemCount = this.#items.size
    if (this.#title !== null) this.summary.title = this.#title
    this.store.index.append([{ op: 'put', id: this.id, value: { ...this.summary } }])
  }

  putItem(item: StoredItem): void {
    const before = this.#items.get(item.itemId)
    this.#append({ k: 'item', ...item })
    this.#items.set(item.itemId, item)
    if (this.#title === null && item.role === 'user' && item.text)
      this.#title = titleFrom(item.text)
    this.#touch()
    if (searchableText(item) !== (before ? searchableText(before) : ''))
      this.store.putText(this.id, [...this.#items.values()].map(searchableText).join('\n'))
  }

  putUsage(usage: StoredUsage): void {
    this.#append({ k: 'usage', ...usage })
  }

  putMetrics(metrics: { itemId: string; costUsd?: number; latencyMs?: number }): void {
    this.#append({ k: 'metrics', ...metrics })
  }

  putRecording(fileName: string): void {
    this.#append({ k: 'recording', fileName })
    this.summary.recording = fileName
    this.#touch()
  }

  end(): void {
    this.#append({ k: 'end', endedAtMs: this.store.now() })
    this.#touch()
  }
}

function searchableText(item: StoredItem): string {
  if (item.kind === 'message') return item.text ?? ''
  return [item.name, item.arguments, item.output].filter(Boolean).join(' ')
}

/** The index snapshot holds 10,000 summaries: tuples, not objects, to parse them fast. */
const summaryForm = {
  pack: (id: string, s: ConversationSummary): unknown[] => [
    id,
    s.title,
    s.startedAtMs,
    s.updatedAtMs,
    s.itemCount,
    // An index written before issue 14 has no assistant: its tuples end at the recording.
    ...(s.assistantId !== undefined
      ? [s.recording ?? null, s.assistantId]
      : s.recording === undefined
        ? []
        : [s.recording])
  ],
  unpack: (packed: unknown[]): [string, ConversationSummary] => {
    const [id, title, startedAtMs, updatedAtMs, itemCount, recording, assistantId] = packed as [
      string,
      string,
      number,
      number,
      number,
      string | null | undefined,
      string | undefined
    ]
    const summary: ConversationSummary = { id, title, startedAtMs, updatedAtMs, itemCount }
    if (typeof recording === 'string') summary.recording = recording
    if (typeof assistantId === 'string') summary.assistantId = assistantId
    return [id, summary]
  }
}

/** Recording names are generated here (`<conversation-like id>.wav`); never a path. */
export function isRecordingFileName(name: string): boolean {
  return name.endsWith('.wav') && isConversationId(name.slice(0, -'.wav'.length))
}

export function newConversationId(atMs: number): string {
  const iso = new Date(atMs).toISOString() // 2026-11-30T20:08:35.123Z
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`
  return `${stamp}-${randomBytes(3).toString('hex')}`
}
