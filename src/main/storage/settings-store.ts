// The user's settings: one JSON file in the user-data folder, validated on read and on write,
// replaced atomically. An unreadable file is kept aside (never silently deleted: it may hold the
// user's instructions) and Hark starts with defaults, telling the user once why.
import { mkdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import {
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch
} from '../../shared/settings'
import { writeFileAtomic } from './atomic-file'

export const SETTINGS_FILE_NAME = 'settings.json'

export interface SettingsSnapshot {
  settings: Settings
  /** A sentence for the UI when the stored file was unusable and defaults were used. */
  notice: string | null
}

export class SettingsValidationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SettingsValidationError'
  }
}

export interface SettingsStore {
  get(): Promise<SettingsSnapshot>
  /** Merge a patch, validate, persist; rejects with SettingsValidationError on invalid values. */
  update(patch: SettingsPatch): Promise<SettingsSnapshot>
}

type Log = (
  level: 'info' | 'warn' | 'error',
  message: string,
  data?: Record<string, unknown>
) => void

export function createSettingsStore(options: {
  dir: string
  log?: Log
  /** For the corrupt file's name; injectable so tests can predict it. */
  now?: () => Date
}): SettingsStore {
  const path = join(options.dir, SETTINGS_FILE_NAME)
  const log: Log = options.log ?? (() => undefined)
  const now = options.now ?? (() => new Date())
  let loaded: Promise<SettingsSnapshot> | undefined
  // Writes run one after another so that two quick patches cannot interleave their renames.
  let writing: Promise<unknown> = Promise.resolve()

  const load = async (): Promise<SettingsSnapshot> => {
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { settings: defaultSettings(), notice: null }
      log('error', 'settings: cannot read the file', { error: String(error) })
      return {
        settings: defaultSettings(),
        notice: 'Hark could not read your settings file, so it started with defaults.'
      }
    }
    const parsed = parseSettings(text)
    if (parsed) return { settings: parsed, notice: null }
    const aside = join(options.dir, `settings.corrupt-${now().getTime()}.json`)
    try {
      await rename(path, aside)
    } catch (error) {
      log('error', 'settings: cannot move the unreadable file aside', { error: String(error) })
      return {
        settings: defaultSettings(),
        notice: 'Your settings file could not be read, so Hark started with defaults.'
      }
    }
    log('warn', 'settings: unreadable file kept aside', { aside })
    return {
      settings: defaultSettings(),
      notice: `Your settings file could not be read, so Hark started with defaults. The old file was kept as ${aside}.`
    }
  }

  const get = (): Promise<SettingsSnapshot> => (loaded ??= load())

  const update = async (patch: SettingsPatch): Promise<SettingsSnapshot> => {
    const checkedPatch = settingsPatchSchema.safeParse(patch)
    if (!checkedPatch.success) throw new SettingsValidationError(describeIssue(checkedPatch.error))
    // settingsPatchSchema fills defaults for absent fields (zod 4 applies `.default()` inside
    // `.partial()`), so only the fields the caller actually sent are merged.
    const sent = Object.fromEntries(
      Object.entries(checkedPatch.data).filter(([field]) => Object.hasOwn(patch, field))
    )
    const task = writing.then(async () => {
      const current = await get()
      const next = settingsSchema.safeParse({ ...current.settings, ...sent })
      if (!next.success) throw new SettingsValidationError(describeIssue(next.error))
      await mkdir(options.dir, { recursive: true })
      await writeFileAtomic(path, `${JSON.stringify(next.data, null, 2)}\n`)
      // The notice was about the start of this run; once the user saves, it no longer applies.
      const snapshot: SettingsSnapshot = { settings: next.data, notice: null }
      loaded = Promise.resolve(snapshot)
      return snapshot
    })
    writing = task.catch(() => undefined)
    return task
  }

  return { get, update }
}

function parseSettings(text: string): Settings | null {
  try {
    const result = settingsSchema.safeParse(JSON.parse(text))
    return result.success ? result.data : null
  } catch {
    return null
  }
}

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0]
  const field = first?.path.map(String).join('.') || 'settings'
  return `The setting "${field}" is not valid: ${first?.message ?? 'invalid value'}.`
}
