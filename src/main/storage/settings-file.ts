// Reading settings.json without losing anything: a byte-order mark is not an error, and one
// invalid field resets that field only (named in the notice), never the whole file.
import { settingsSchema, type Settings } from '../../shared/settings'

export type SettingsParse =
  | { kind: 'ok'; settings: Settings; resetFields: string[] }
  /** Not JSON, or JSON that is not an object: nothing in it can be used field by field. */
  | { kind: 'unusable' }

export function parseSettingsText(text: string): SettingsParse {
  let value: unknown
  try {
    // Editors on Windows like to start UTF-8 files with a byte-order mark; JSON.parse does not.
    value = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return { kind: 'unusable' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'unusable' }
  const stored = value as Record<string, unknown>
  const kept: Record<string, unknown> = {}
  const resetFields: string[] = []
  for (const [field, schema] of Object.entries(settingsSchema.shape)) {
    if (!Object.hasOwn(stored, field)) continue
    if (schema.safeParse(stored[field]).success) kept[field] = stored[field]
    else resetFields.push(field)
  }
  return { kind: 'ok', settings: settingsSchema.parse(kept), resetFields }
}
