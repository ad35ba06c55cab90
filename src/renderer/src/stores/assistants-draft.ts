// Settings → Assistants as data (issue 14): the set being edited, and what each button does to
// it. Pure, so every rule is unit-tested without a page. Nothing here decides what may be saved:
// main does (src/main/assistants/assistant-rules.ts), and its refusal is placed next to the field
// it is about, in its own words.
//
// The first assistant (id "default") IS Settings: its instructions, voice, model, provider,
// endpoint and talk hotkey are the ones in Settings above (main runs Settings itself for it), so
// only its name is edited here, and the set is saved with those fields copied from Settings.
import {
  DEFAULT_ASSISTANT_ID,
  MAX_ASSISTANTS,
  assistantsFileSchema,
  type Assistant,
  type AssistantsFile
} from '../../../shared/assistants'
import { providerEndpointProblem } from '../../../shared/providers'
import type { Settings } from '../../../shared/settings'

export interface AssistantsDraft {
  activeId: string
  assistants: Assistant[]
  /** The assistant the editor shows. */
  selectedId: string
}

export type AssistantField =
  | 'name'
  | 'instructions'
  | 'voice'
  | 'model'
  | 'provider'
  | 'engine'
  | 'url'
  | 'hotkey'
  | 'toolPolicies'

/** A reason the set cannot be saved, placed at an assistant's field when it names one. */
export interface Refusal {
  message: string
  assistantId: string | null
  field: AssistantField | null
}

export function draftOf(file: AssistantsFile): AssistantsDraft {
  return { activeId: file.activeId, assistants: file.assistants, selectedId: file.activeId }
}

/** The first assistant as it really runs: Settings' fields under its own name. */
export function withSettings(assistant: Assistant, settings: Settings): Assistant {
  if (assistant.id !== DEFAULT_ASSISTANT_ID) return assistant
  return {
    ...assistant,
    instructions: settings.instructions,
    voice: settings.voice,
    model: settings.model,
    url: settings.url,
    provider: settings.provider,
    hotkey: settings.hotkey
  }
}

/** What Save sends: the draft, the first assistant's fields taken from Settings as they are now. */
export function fileOf(draft: AssistantsDraft, settings: Settings): AssistantsFile {
  return {
    version: 1,
    activeId: draft.activeId,
    assistants: draft.assistants.map((assistant) => withSettings(assistant, settings))
  }
}

/**
 * Main's set changed under the editor (a switch from the tray or the window): without edits of
 * its own the draft becomes the new set; with them, they are kept and only the active one follows.
 */
export function followSaved(
  draft: AssistantsDraft,
  before: AssistantsFile,
  after: AssistantsFile
): AssistantsDraft {
  const edited = JSON.stringify(draft.assistants) !== JSON.stringify(before.assistants)
  const known = (id: string): boolean => after.assistants.some((a) => a.id === id)
  if (edited) return { ...draft, activeId: known(after.activeId) ? after.activeId : draft.activeId }
  return {
    ...draftOf(after),
    selectedId: known(draft.selectedId) ? draft.selectedId : after.activeId
  }
}

export const canAdd = (draft: AssistantsDraft): boolean => draft.assistants.length < MAX_ASSISTANTS

/** The first assistant is Settings and stays; the last one left stays too. */
export const canRemove = (draft: AssistantsDraft, id: string): boolean =>
  id !== DEFAULT_ASSISTANT_ID && draft.assistants.length > 1

function uniqueName(draft: AssistantsDraft, wanted: string): string {
  const taken = new Set(draft.assistants.map((a) => a.name.trim().toLocaleLowerCase()))
  if (!taken.has(wanted.toLocaleLowerCase())) return wanted
  for (let n = 2; ; n++) {
    const name = `${wanted} ${n}`
    if (!taken.has(name.toLocaleLowerCase())) return name
  }
}

/** A new id from the name (ids are what history is tagged with, and never change after). */
function uniqueId(draft: AssistantsDraft, name: string): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'assistant'
  const taken = new Set(draft.assistants.map((a) => a.id))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

/**
 * A copy of `from` under a new name and id, selected. Without a hotkey: one key press cannot start
 * two assistants, and main would refuse the copy's.
 */
function copyOf(
  draft: AssistantsDraft,
  from: Assistant,
  wantedName: string,
  settings: Settings
): AssistantsDraft {
  if (!canAdd(draft)) return draft
  const name = uniqueName(draft, wantedName)
  const copy: Assistant = {
    ...withSettings(from, settings),
    id: uniqueId(draft, name),
    name,
    hotkey: null,
    toolPolicies: { ...from.toolPolicies }
  }
  return { ...draft, assistants: [...draft.assistants, copy], selectedId: copy.id }
}

/** Add: starts from a copy of the active assistant. */
export function addAssistant(draft: AssistantsDraft, settings: Settings): AssistantsDraft {
  const active = draft.assistants.find((a) => a.id === draft.activeId) ?? draft.assistants[0]
  return active ? copyOf(draft, active, 'New assistant', settings) : draft
}

export function duplicateAssistant(
  draft: AssistantsDraft,
  id: string,
  settings: Settings
): AssistantsDraft {
  const from = draft.assistants.find((a) => a.id === id)
  return from ? copyOf(draft, from, `${from.name.trim()} copy`, settings) : draft
}

/** Removes one (not the first, not the last); the active one's place goes to the first. */
export function removeAssistant(draft: AssistantsDraft, id: string): AssistantsDraft {
  if (!canRemove(draft, id)) return draft
  const assistants = draft.assistants.filter((a) => a.id !== id)
  const first = assistants[0]?.id ?? DEFAULT_ASSISTANT_ID
  return {
    assistants,
    activeId: draft.activeId === id ? first : draft.activeId,
    selectedId: draft.selectedId === id ? first : draft.selectedId
  }
}

export function editAssistant(
  draft: AssistantsDraft,
  id: string,
  fields: Partial<Omit<Assistant, 'id'>>
): AssistantsDraft {
  return {
    ...draft,
    assistants: draft.assistants.map((a) => (a.id === id ? { ...a, ...fields } : a))
  }
}

/** The page's own check, with the schema main uses: says which field before the round trip. */
export function localRefusal(draft: AssistantsDraft, settings: Settings): Refusal | null {
  const checked = assistantsFileSchema.safeParse(fileOf(draft, settings))
  if (checked.success) return null
  const issue = checked.error.issues[0]
  const [top, index, field] = issue?.path ?? []
  const assistant =
    top === 'assistants' && typeof index === 'number' ? draft.assistants[index] : undefined
  return {
    message: issue?.message ?? 'These assistants are not valid.',
    assistantId: assistant?.id ?? null,
    field: assistant !== undefined && isField(field) ? field : null
  }
}

const FIELDS: readonly AssistantField[] = [
  'name',
  'instructions',
  'voice',
  'model',
  'provider',
  'engine',
  'url',
  'hotkey',
  'toolPolicies'
]
const isField = (value: unknown): value is AssistantField =>
  typeof value === 'string' && (FIELDS as readonly string[]).includes(value)

/**
 * Where main's refusal belongs, from its words (assistant-rules.ts): "X cannot use the hotkey …"
 * is X's hotkey; "There is already an assistant named X." is the later X's name; "X: …" is X's
 * endpoint when it is the endpoint's problem, else X's hotkey. Anything else is about the set.
 */
export function placeRefusal(message: string, draft: AssistantsDraft, settings: Settings): Refusal {
  const assistants = draft.assistants.map((a) => withSettings(a, settings))
  const named = (name: string): Assistant | undefined =>
    assistants.find((a) => a.name.trim() === name.trim())
  const at = (assistant: Assistant | undefined, field: AssistantField): Refusal =>
    assistant
      ? { message, assistantId: assistant.id, field }
      : { message, assistantId: null, field: null }

  const hotkey = /^(.+) cannot use the hotkey /.exec(message)
  if (hotkey?.[1] !== undefined) return at(named(hotkey[1]), 'hotkey')
  const duplicate = /^There is already an assistant named (.+)\.$/.exec(message)
  if (duplicate?.[1] !== undefined) {
    const name = duplicate[1].trim().toLocaleLowerCase()
    const same = assistants.filter((a) => a.name.trim().toLocaleLowerCase() === name)
    return at(same.at(-1), 'name')
  }
  const owner = [...assistants]
    .sort((a, b) => b.name.length - a.name.length)
    .find((a) => message.startsWith(`${a.name.trim()}: `))
  if (owner) {
    const rest = message.slice(owner.name.trim().length + 2)
    return at(owner, providerEndpointProblem(owner.provider, owner.url) === rest ? 'url' : 'hotkey')
  }
  return at(undefined, 'name')
}
