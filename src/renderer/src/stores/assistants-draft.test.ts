import { describe, expect, it } from 'vitest'
import { assistantsFromSettings, type Assistant } from '../../../shared/assistants'
import { settingsSchema } from '../../../shared/settings'
import {
  addAssistant,
  canRemove,
  draftOf,
  duplicateAssistant,
  editAssistant,
  fileOf,
  followSaved,
  localRefusal,
  placeRefusal,
  removeAssistant,
  type AssistantsDraft
} from './assistants-draft'

const settings = settingsSchema.parse({
  instructions: 'Be brief.',
  voice: 'marin',
  hotkey: 'Alt+F9'
})
// The renderer's tests cannot import test/doubles (tsconfig.web.json): its own translator.
const translator: Assistant = {
  id: 'translator',
  name: 'Translator',
  instructions: 'Translate into German.',
  voice: 'cedar',
  model: 'my-deployment',
  url: 'wss://contoso.openai.azure.com/openai/v1/realtime',
  provider: 'azure',
  hotkey: 'Ctrl+Shift+T',
  toolPolicies: { read_clipboard: 'never' }
}
const one = draftOf(assistantsFromSettings(settingsSchema.parse({})))
const two: AssistantsDraft = { ...one, assistants: [...one.assistants, translator] }

const byId = (draft: AssistantsDraft, id: string): Assistant | undefined =>
  draft.assistants.find((a) => a.id === id)

describe('Settings → Assistants: the draft', () => {
  it('adds a copy of the active assistant under a new name and id, without its hotkey', () => {
    const added = addAssistant({ ...two, activeId: 'translator' }, settings)
    const copy = byId(added, added.selectedId)
    expect(copy).toMatchObject({
      id: 'new-assistant',
      name: 'New assistant',
      instructions: 'Translate into German.',
      provider: 'azure',
      hotkey: null,
      toolPolicies: { read_clipboard: 'never' }
    })
    // A second one gets its own name and id.
    const again = addAssistant(added, settings)
    expect(byId(again, again.selectedId)).toMatchObject({
      id: 'new-assistant-2',
      name: 'New assistant 2'
    })
  })

  it('copies the first assistant as Settings holds it now, not as it was stored', () => {
    const added = addAssistant(one, settings)
    expect(byId(added, added.selectedId)).toMatchObject({
      instructions: 'Be brief.',
      voice: 'marin',
      hotkey: null
    })
  })

  it('duplicates the chosen one as “<name> copy”', () => {
    const copied = duplicateAssistant(two, 'translator', settings)
    expect(byId(copied, copied.selectedId)).toMatchObject({
      id: 'translator-copy',
      name: 'Translator copy',
      model: 'my-deployment'
    })
  })

  it('never removes the first assistant or the last one; the removed active one’s place goes to the first', () => {
    expect(canRemove(one, 'default')).toBe(false)
    expect(removeAssistant(one, 'default')).toBe(one)
    expect(canRemove(two, 'default')).toBe(false)
    const removed = removeAssistant(
      { ...two, activeId: 'translator', selectedId: 'translator' },
      'translator'
    )
    expect(removed.assistants.map((a) => a.id)).toEqual(['default'])
    expect(removed.activeId).toBe('default')
    expect(removed.selectedId).toBe('default')
  })

  it('saves the first assistant with Settings’ fields, the others as edited', () => {
    const edited = editAssistant(two, 'translator', { instructions: 'Translate into Italian.' })
    const file = fileOf(edited, settings)
    expect(file.assistants[0]).toMatchObject({ instructions: 'Be brief.', hotkey: 'Alt+F9' })
    expect(file.assistants[1]).toMatchObject({ instructions: 'Translate into Italian.' })
  })
})

describe('Settings → Assistants: refusals at their fields', () => {
  it('places a shared hotkey at the assistant main names first, keeping its words', () => {
    const message = 'Translator cannot use the hotkey Alt+F9: it is already Hark’s.'
    expect(placeRefusal(message, two, settings)).toEqual({
      message,
      assistantId: 'translator',
      field: 'hotkey'
    })
  })

  it('places a duplicate name at the later one, and an endpoint problem at the endpoint', () => {
    const twins = editAssistant(two, 'translator', { name: 'hark' })
    expect(
      placeRefusal('There is already an assistant named hark.', twins, settings)
    ).toMatchObject({ assistantId: 'translator', field: 'name' })
    const onOpenAi = editAssistant(two, 'translator', { url: 'wss://api.openai.com/v1/realtime' })
    const message =
      'Translator: Azure OpenAI needs your resource’s endpoint, e.g. wss://my-resource.openai.azure.com/openai/v1/realtime.'
    expect(placeRefusal(message, onOpenAi, settings)).toMatchObject({
      assistantId: 'translator',
      field: 'url'
    })
    expect(placeRefusal('Translator: “T” is not a hotkey.', two, settings)).toMatchObject({
      assistantId: 'translator',
      field: 'hotkey'
    })
  })

  it('keeps a refusal about the whole set unplaced', () => {
    expect(placeRefusal('The active assistant does not exist.', two, settings)).toEqual({
      message: 'The active assistant does not exist.',
      assistantId: null,
      field: null
    })
  })

  it('names an empty name before the round trip, at that assistant', () => {
    const unnamed = editAssistant(two, 'translator', { name: '  ' })
    expect(localRefusal(unnamed, settings)).toEqual({
      message: 'An assistant needs a name.',
      assistantId: 'translator',
      field: 'name'
    })
    expect(localRefusal(two, settings)).toBeNull()
  })
})

describe('Settings → Assistants: a switch from elsewhere', () => {
  const saved = { version: 1 as const, activeId: 'default', assistants: two.assistants }
  const switched = { ...saved, activeId: 'translator' }

  it('moves the active mark and keeps the selection when nothing was edited', () => {
    const draft = { ...two, selectedId: 'translator' }
    expect(followSaved(draft, saved, switched)).toEqual({ ...draft, activeId: 'translator' })
  })

  it('keeps the user’s unsaved edits', () => {
    const edited = editAssistant(two, 'translator', { instructions: 'Translate into Italian.' })
    const followed = followSaved(edited, saved, switched)
    expect(followed.activeId).toBe('translator')
    expect(followed.assistants[1]?.instructions).toBe('Translate into Italian.')
  })
})
