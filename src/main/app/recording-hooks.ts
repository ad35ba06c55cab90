// The recording as the history service uses it: begun per conversation when the setting is on
// and the history is being written (a recording is only kept where its conversation is), the
// repair of unfinished recordings once per run, and the History view's read of one.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Settings } from '../../shared/settings'
import type { RealtimeLog } from '../realtime/event-bus'
import { newConversationId, type HistoryStore } from '../history/history-store'
import {
  ConversationRecording,
  type ConversationRecordingDeps
} from '../history/recording/conversation-recording'
import { repairRecordings } from '../history/recording/repair-recordings'
import { HarkError } from './ipc-error'

export const RECORDINGS_DIR = 'recordings'

export class RecordingHooks extends ConversationRecording {
  readonly #log: RealtimeLog
  #repaired = false

  constructor(deps: Omit<ConversationRecordingDeps, 'newFileName' | 'log'> & { log: RealtimeLog }) {
    super({ ...deps, newFileName: () => `${newConversationId(Date.now())}.wav` })
    this.#log = deps.log
  }

  /** A new conversation: recorded when the user asked for it and its history is kept. */
  beginFor(settings: Settings, store: HistoryStore | null): void {
    const kept = store !== null && (store.mode === 'encrypted' || store.mode === 'plain')
    this.begin(settings.recordConversations && kept ? join(store.folder, RECORDINGS_DIR) : null)
  }

  /** The checkbox changed: turning it off stops at once, turning it on records from now. */
  settingChanged(settings: Settings, store: HistoryStore | null): void {
    if (!settings.recordConversations) this.end()
    else if (!this.active) this.beginFor(settings, store)
  }

  /** Once per run, before anything records: finish what a killed Hark left unfinished. */
  async repairOnce(store: HistoryStore): Promise<void> {
    if (this.#repaired || (store.mode !== 'encrypted' && store.mode !== 'plain')) return
    this.#repaired = true
    const result = await repairRecordings(join(store.folder, RECORDINGS_DIR))
    if (result.repaired + result.skipped > 0)
      this.#log('info', 'recordings: repaired', { ...result })
  }
}

export function createRecording(
  deps: ConstructorParameters<typeof RecordingHooks>[0]
): RecordingHooks {
  return new RecordingHooks(deps)
}

/** The WAV of a conversation, for the History view's player. */
export async function readRecording(
  store: HistoryStore,
  id: string
): Promise<Uint8Array<ArrayBuffer>> {
  const path = await store.recordingPath(id)
  if (path === null) throw new HarkError('invalid_input', 'This conversation has no recording.')
  const file = await readFile(path)
  const bytes = new Uint8Array(file.byteLength)
  bytes.set(file)
  return bytes
}
