// The user's settings: one JSON file in the user-data folder, validated on read and on write,
// replaced atomically (docs/architecture.md, "Storage"). Nothing here destroys data:
// - only "file not found" means "no file"; a file that exists but cannot be read is never
//   overwritten: Hark says so and keeps the settings in memory until it can read the file again;
// - one invalid field (or a byte-order mark) resets that field only, and the notice names it;
// - a file that is not JSON at all is kept aside under a new name, never deleted;
// - a save that cannot be written keeps the change for this run and says why in a sentence.
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import {
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch
} from '../../shared/settings'
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file'
import { fileProblem, isMissingFile } from './file-errors'
import { parseSettingsText } from './settings-file'

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

interface Loaded extends SettingsSnapshot {
  /** The file exists but could not be read: it must not be overwritten. */
  unreadable: boolean
}

export function createSettingsStore(options: {
  dir: string
  log?: Log
  /** For the kept-aside file's name; injectable so tests can predict it. */
  now?: () => Date
  /** How a file is replaced; injectable so a full disk can be shown without filling one. */
  write?: (path: string, data: string) => Promise<void>
}): SettingsStore {
  const write = options.write ?? writeFileAtomic
  const path = join(options.dir, SETTINGS_FILE_NAME)
  const log: Log = options.log ?? (() => undefined)
  const now = options.now ?? (() => new Date())
  let loaded: Promise<Loaded> | undefined
  // Writes run one after another so that two quick patches cannot interleave their renames.
  let writing: Promise<unknown> = Promise.resolve()

  const asideName = (): string => join(options.dir, `settings.corrupt-${now().getTime()}.json`)

  const load = async (): Promise<Loaded> => {
    const cleaned = await removeStaleTempFiles(options.dir, SETTINGS_FILE_NAME)
    if (cleaned > 0) log('info', 'settings: removed temp files of interrupted writes', { cleaned })
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch (error) {
      if (isMissingFile(error))
        return { settings: defaultSettings(), notice: null, unreadable: false }
      log('error', 'settings: cannot read the file', { error: String(error) })
      return {
        settings: defaultSettings(),
        notice: `Hark could not read your settings file: ${fileProblem(error, path)}. It is using defaults for now and will not overwrite that file; changes you make last until Hark quits.`,
        unreadable: true
      }
    }
    const parsed = parseSettingsText(text)
    if (parsed.kind === 'ok' && parsed.resetFields.length === 0)
      return { settings: parsed.settings, notice: null, unreadable: false }
    const aside = asideName()
    if (parsed.kind === 'ok') {
      // The rest of the file is good: keep it, and a copy of the original for the reset fields.
      const kept = await copyFile(path, aside).then(
        () => ` The old file was kept as ${aside}.`,
        () => ''
      )
      log('warn', 'settings: invalid fields reset', { fields: parsed.resetFields })
      return {
        settings: parsed.settings,
        notice: `Some settings were not valid and were reset to their defaults: ${parsed.resetFields.join(', ')}.${kept}`,
        unreadable: false
      }
    }
    try {
      await rename(path, aside)
    } catch (error) {
      log('error', 'settings: cannot move the unreadable file aside', { error: String(error) })
      return {
        settings: defaultSettings(),
        notice: `Your settings file could not be read, so Hark started with defaults. It will not overwrite that file (${fileProblem(error, path)}).`,
        unreadable: true
      }
    }
    log('warn', 'settings: unreadable file kept aside', { aside })
    return {
      settings: defaultSettings(),
      notice: `Your settings file could not be read, so Hark started with defaults. The old file was kept as ${aside}.`,
      unreadable: false
    }
  }

  const get = async (): Promise<SettingsSnapshot> => {
    const { settings, notice } = await (loaded ??= load())
    return { settings, notice }
  }

  const update = async (patch: SettingsPatch): Promise<SettingsSnapshot> => {
    const checkedPatch = settingsPatchSchema.safeParse(patch)
    if (!checkedPatch.success) throw new SettingsValidationError(describeIssue(checkedPatch.error))
    // settingsPatchSchema fills defaults for absent fields (zod 4 applies `.default()` inside
    // `.partial()`), so only the fields the caller actually sent are merged.
    const sent = Object.fromEntries(
      Object.entries(checkedPatch.data).filter(([field]) => Object.hasOwn(patch, field))
    )
    const task = writing.then(async () => {
      let current = await (loaded ??= load())
      // The file may have become readable since (a lock at start-up): read it before writing.
      if (current.unreadable) current = await (loaded = load())
      const next = settingsSchema.safeParse({ ...current.settings, ...sent })
      if (!next.success) throw new SettingsValidationError(describeIssue(next.error))
      const inMemory = (notice: string): Loaded => ({
        settings: next.data,
        notice,
        unreadable: current.unreadable
      })
      if (current.unreadable) {
        loaded = Promise.resolve(inMemory(current.notice ?? ''))
        return { settings: next.data, notice: current.notice }
      }
      try {
        await mkdir(options.dir, { recursive: true })
        await write(path, `${JSON.stringify(next.data, null, 2)}\n`)
      } catch (error) {
        log('error', 'settings: cannot save', { error: String(error) })
        const notice = `Hark could not save your settings: ${fileProblem(error, path)}. The change applies until Hark quits.`
        loaded = Promise.resolve({ ...inMemory(notice), unreadable: false })
        return { settings: next.data, notice }
      }
      // The notice was about the start of this run; once the user saves, it no longer applies.
      const snapshot: Loaded = { settings: next.data, notice: null, unreadable: false }
      loaded = Promise.resolve(snapshot)
      return { settings: snapshot.settings, notice: null }
    })
    writing = task.catch(() => undefined)
    return task
  }

  return { get, update }
}

function describeIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0]
  const field = first?.path.map(String).join('.') || 'settings'
  return `The setting "${field}" is not valid: ${first?.message ?? 'invalid value'}.`
}
