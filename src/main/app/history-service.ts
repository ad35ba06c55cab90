// The history as main's core uses it: opens the store with the user's settings (reopened when
// they change), records the live session through HistoryRecorder, and answers the History view's
// requests. A store that is off or locked still answers with its status, so the view can say why.
import type { InvokeChannel } from '../../shared/ipc'
import type { InvokeHandlers } from './router'
import type { HistoryStatus } from '../../shared/history-ipc'
import type { ConversationItem } from '../../shared/realtime-events'
import type { Settings } from '../../shared/settings'
import type { RealtimeLog } from '../realtime/event-bus'
import type { SecretCipher } from '../storage/key-store'
import { exportConversation } from '../history/export'
import { HistoryLockedError, openHistoryStore, type HistoryStore } from '../history/history-store'
import { HistoryRecorder } from '../history/recorder'
import { createRecording, readRecording, type RecordingHooks } from './recording-hooks'
import type { Conversation, StoredItem } from '../history/types'
import type { SessionEvent } from './event-mapping'
import { DEFAULT_ASSISTANT_ID } from '../../shared/assistants'
import { HarkError } from './ipc-error'

export type HistoryChannel = Extract<InvokeChannel, `history.${string}`>

/** The History view's channels, for the router's handler map. */
export function historyHandlers(history: HistoryService): Pick<InvokeHandlers, HistoryChannel> {
  const found = (ok: boolean): void => {
    if (!ok) throw notFound()
  }
  return {
    'history.status': () => history.status(),
    'history.list': () => history.use((store) => store.list()),
    'history.search': ({ query }) => history.use((store) => store.search(query)),
    'history.get': ({ id }) => history.use((store) => history.get(store, id)),
    'history.rename': ({ id, title }) =>
      history.use(async (store) => found(await store.rename(id, title))),
    'history.delete': ({ id }) => history.use(async (store) => found(await store.delete(id))),
    'history.restore': ({ id }) => history.use(async (store) => found(await store.restore(id))),
    'history.deleteAll': () => history.use((store) => store.deleteAll()),
    'history.export': ({ id, format }) =>
      history.use(async (store) => exportConversation(await history.get(store, id), format)),
    'history.continue': ({ id }) => history.use((store) => history.continue(store, id)),
    'history.recording': ({ id }) => history.use((store) => readRecording(store, id))
  }
}

export interface HistoryServiceDeps {
  dataDir: string
  cipher: SecretCipher
  readSettings: () => Promise<Settings>
  log: RealtimeLog
  /** The view's cue to refresh: a conversation began, a save problem came or went. */
  onChanged: (status: HistoryStatus) => void
  /** Starts a new session seeded with these items (the session manager's start). */
  startSession: (seed: readonly ConversationItem[]) => Promise<void>
  now?: () => number
}

const LOCKED_SENTENCE =
  "Hark cannot read its history: the key that encrypts it is kept by the system's key store, which is not reachable now."

export class HistoryService {
  readonly #deps: HistoryServiceDeps
  readonly recorder: HistoryRecorder
  /** The live conversation's audio, when "Record conversations" is on. */
  readonly recording: RecordingHooks
  #store: HistoryStore | null = null
  #opening: Promise<HistoryStore> | null = null
  #openedWith = ''
  #problem: string | null = null
  #continuedFrom: string | null = null

  /** The other assistants' live conversations (issue 14); `recorder` is the default one's. */
  readonly #assistantRecorders = new Map<string, HistoryRecorder>()
  /** The audio recording follows the conversation started last (one recording at a time). */
  #recordingOwner: string = DEFAULT_ASSISTANT_ID

  constructor(deps: HistoryServiceDeps) {
    this.#deps = deps
    this.recorder = this.#newRecorder()
    this.recording = createRecording({
      now: () => performance.now(),
      historyWriter: () => this.#recorderOf(this.#recordingOwner).writer,
      onProblem: () => this.#changed(),
      log: deps.log
    })
  }

  /** Opens (or reopens, after a relevant settings change) the store. */
  async open(): Promise<HistoryStore> {
    const settings = await this.#deps.readSettings()
    const key = `${settings.historyPlainAllowed}|${settings.historyRetentionDays}`
    if (this.#opening && key === this.#openedWith) return this.#opening
    this.#openedWith = key
    this.#opening = openHistoryStore({
      dataDir: this.#deps.dataDir,
      cipher: this.#deps.cipher,
      plainAllowed: settings.historyPlainAllowed,
      retentionDays: settings.historyRetentionDays,
      writable: true,
      ...(this.#deps.now ? { now: this.#deps.now } : {})
    }).then(async (store) => {
      await this.recording.repairOnce(store)
      this.#store = store
      this.#deps.log('info', 'history: opened', { mode: store.mode })
      return store
    })
    return this.#opening
  }

  /** Called by the settings route: the plain-files choice or retention may have changed. */
  async settingsChanged(): Promise<void> {
    await this.open()
    this.#changed()
  }

  /** Called by the settings route when "Record conversations" changed. */
  recordingSettingChanged(settings: Settings): void {
    this.recording.settingChanged(settings, this.#store)
  }

  /**
   * The session manager's cue: a user's start or a Continue begins a new conversation.
   * `assistantId`: whose session it is (issue 14), kept with the conversation.
   */
  async conversationStarted(
    settings: Settings,
    seed: readonly ConversationItem[],
    assistantId: string = DEFAULT_ASSISTANT_ID
  ): Promise<void> {
    // The store is open before the first item can arrive; a failure to open is its status.
    await this.open().catch(() => undefined)
    const continuedFrom = seed.length > 0 ? this.#continuedFrom : null
    this.#continuedFrom = null
    this.#recorderOf(assistantId).begin(
      {
        model: settings.model,
        voice: settings.voice,
        ...(continuedFrom ? { continuedFrom } : {}),
        // The default assistant's conversations are written as before (no id = the default).
        ...(assistantId !== DEFAULT_ASSISTANT_ID ? { assistantId } : {})
      },
      seed.map((item) => item.itemId)
    )
    this.#recordingOwner = assistantId
    this.recording.beginFor(settings, this.#store)
  }

  onEvent(event: SessionEvent, assistantId: string = DEFAULT_ASSISTANT_ID): void {
    this.#recorderOf(assistantId).onEvent(event)
    if (assistantId === this.#recordingOwner) this.recording.onEvent(event)
  }

  /** Whether this assistant's audio goes into the recording (the conversation started last). */
  recordsAudioOf(assistantId: string): boolean {
    return assistantId === this.#recordingOwner
  }

  #recorderOf(assistantId: string): HistoryRecorder {
    if (assistantId === DEFAULT_ASSISTANT_ID) return this.recorder
    let recorder = this.#assistantRecorders.get(assistantId)
    if (!recorder) {
      recorder = this.#newRecorder()
      this.#assistantRecorders.set(assistantId, recorder)
    }
    return recorder
  }

  #newRecorder(): HistoryRecorder {
    return new HistoryRecorder({
      store: () => this.#store,
      now: this.#deps.now ?? Date.now,
      onStatus: ({ problem }) => {
        this.#problem = problem
        if (problem !== null) this.#deps.log('warn', 'history: not saving', { problem })
        this.#changed()
      },
      onSaved: () => this.#changed()
    })
  }

  async status(): Promise<HistoryStatus> {
    const store = await this.open()
    return {
      mode: store.mode,
      folder: store.folder,
      problem: this.#problem ?? this.recording.problem
    }
  }

  /** Runs one request on the open store; a locked store answers with why, in one sentence. */
  async use<T>(action: (store: HistoryStore) => Promise<T>): Promise<T> {
    const store = await this.open()
    try {
      return await action(store)
    } catch (error) {
      if (error instanceof HistoryLockedError) throw new HarkError('unknown', LOCKED_SENTENCE)
      throw error
    }
  }

  async get(store: HistoryStore, id: string): Promise<Conversation> {
    return this.#get(store, id)
  }

  async continue(store: HistoryStore, id: string): Promise<void> {
    return this.#continue(store, id)
  }

  async #get(store: HistoryStore, id: string): Promise<Conversation> {
    const conversation = await store.get(id)
    if (!conversation) throw notFound()
    return conversation
  }

  async #continue(store: HistoryStore, id: string): Promise<void> {
    const conversation = await this.#get(store, id)
    this.#continuedFrom = id
    await this.#deps.startSession(conversation.items.map(toConversationItem))
  }

  #changed(): void {
    const store = this.#store
    if (!store) return
    const problem = this.#problem ?? this.recording.problem
    this.#deps.onChanged({ mode: store.mode, folder: store.folder, problem })
  }
}

function notFound(): HarkError {
  return new HarkError('invalid_input', 'That conversation is no longer in the history.')
}

/** What a reconnect replays: history.ts `seedItems` keeps completed messages as text. */
function toConversationItem(item: StoredItem): ConversationItem {
  const converted: ConversationItem = {
    itemId: item.itemId,
    kind: item.kind,
    text: item.text,
    status: item.status
  }
  if (item.role !== undefined) converted.role = item.role
  if (item.name !== undefined) converted.name = item.name
  if (item.arguments !== undefined) converted.arguments = item.arguments
  if (item.output !== undefined) converted.output = item.output
  return converted
}
