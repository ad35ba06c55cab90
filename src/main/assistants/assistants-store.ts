// assistants.json in Hark's data folder. Missing (every install before issue 14): the assistants
// are made from the settings, so the first assistant is exactly what the user had, and the
// settings file is not touched. Unreadable or invalid: said, and the settings' assistant is used
// without writing over the file, as settings-store.ts does for settings.json.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  assistantsFileSchema,
  assistantsFromSettings,
  type AssistantsFile
} from '../../shared/assistants'
import type { Settings } from '../../shared/settings'
import { writeFileAtomic } from '../storage/atomic-file'
import { isMissingFile } from '../storage/file-errors'
import { assistantsProblem } from './assistant-rules'
import { assistantTakesScreenHotkey } from '../screen/screen-hotkey'

export const ASSISTANTS_FILE_NAME = 'assistants.json'

export interface AssistantsReply {
  file: AssistantsFile
  /** Why the stored file was not used; null when it was (or there was none yet). */
  notice: string | null
}

export interface AssistantsStore {
  get(): Promise<AssistantsReply>
  /** Validates the whole set (hotkeys, names, endpoints) and saves it; throws the reason. */
  save(file: AssistantsFile): Promise<AssistantsReply>
  /** Makes `id` the active assistant (the window's and the tray's switch); throws the reason. */
  switchTo(id: string): Promise<AssistantsReply>
  /** Called after every successful save, switches included. Returns the unsubscribe function. */
  onChange(listener: (reply: AssistantsReply) => void): () => void
}

export class AssistantsRejected extends Error {
  override name = 'AssistantsRejected'
}

export function createAssistantsStore(options: {
  dir: string
  readSettings: () => Promise<Settings>
  platform: string
}): AssistantsStore {
  const path = join(options.dir, ASSISTANTS_FILE_NAME)
  // Only save() writes: a file that cannot be used is kept until the user saves on purpose.
  let current: AssistantsReply | undefined
  const listeners = new Set<(reply: AssistantsReply) => void>()

  const load = async (): Promise<AssistantsReply> => {
    const migrated = async (notice: string | null): Promise<AssistantsReply> => ({
      file: assistantsFromSettings(await options.readSettings()),
      notice
    })
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if (isMissingFile(error)) return migrated(null)
      return migrated(
        'Hark could not read assistants.json; your assistants are shown from Settings.'
      )
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    const checked = assistantsFileSchema.safeParse(parsed)
    const problem = checked.success ? assistantsProblem(checked.data, options.platform) : null
    if (!checked.success || problem !== null) {
      return migrated(
        `assistants.json is not valid (${problem ?? checked.error?.issues[0]?.message ?? 'unknown'}); it was left as it is and your assistant comes from Settings.`
      )
    }
    return { file: checked.data, notice: null }
  }

  const get = async (): Promise<AssistantsReply> => (current ??= await load())
  const save = async (file: AssistantsFile): Promise<AssistantsReply> => {
    const checked = assistantsFileSchema.safeParse(file)
    if (!checked.success)
      throw new AssistantsRejected(checked.error.issues[0]?.message ?? 'Invalid assistants.')
    const problem =
      assistantsProblem(checked.data, options.platform) ??
      assistantTakesScreenHotkey(
        checked.data,
        current?.file ?? null,
        (await options.readSettings()).screenHotkey,
        options.platform
      )
    if (problem !== null) throw new AssistantsRejected(problem)
    await writeFileAtomic(path, `${JSON.stringify(checked.data, null, 2)}\n`)
    const saved = { file: checked.data, notice: null }
    current = saved
    // A listener's failure must not turn a saved change into a refusal.
    for (const listener of listeners) {
      try {
        listener(saved)
      } catch {
        // The listener logs its own problems (hark-main's tray and window relays).
      }
    }
    return saved
  }
  return {
    get,
    save,
    switchTo: async (id) => save({ ...(await get()).file, activeId: id }),
    onChange(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    }
  }
}

/** The saved assistants, or null when there are none saved or the file is not usable (the CLI). */
export async function readAssistantsFile(dir: string): Promise<AssistantsFile | null> {
  try {
    const checked = assistantsFileSchema.safeParse(
      JSON.parse(await readFile(join(dir, ASSISTANTS_FILE_NAME), 'utf8'))
    )
    return checked.success ? checked.data : null
  } catch {
    return null
  }
}
