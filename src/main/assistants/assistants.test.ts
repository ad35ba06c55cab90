import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  assistantsFromSettings,
  settingsForAssistant,
  type Assistant,
  type AssistantsFile
} from '../../shared/assistants'
import { settingsSchema } from '../../shared/settings'
import { assistantsProblem } from './assistant-rules'
import { AssistantsRejected, createAssistantsStore } from './assistants-store'

const settings = settingsSchema.parse({
  model: 'gpt-realtime-mini',
  voice: 'marin',
  instructions: 'Answer in French.',
  url: 'wss://contoso.openai.azure.com/openai/v1/realtime',
  provider: 'azure',
  hotkey: 'Alt+F9'
})

const translator: Assistant = {
  id: 'translator',
  name: 'Translator',
  instructions: 'Translate what I say into German.',
  voice: 'cedar',
  model: 'gpt-realtime-2.1',
  url: 'wss://api.openai.com/v1/realtime',
  provider: 'openai',
  hotkey: 'Ctrl+Shift+T',
  toolPolicies: { read_clipboard: 'never' }
}

const withTwo = (second: Partial<Assistant> = {}): AssistantsFile => {
  const file = assistantsFromSettings(settings)
  return { ...file, assistants: [...file.assistants, { ...translator, ...second }] }
}

describe('assistants', () => {
  it('makes today’s settings the first assistant without losing a field', () => {
    const file = assistantsFromSettings(settings)
    expect(file.assistants).toHaveLength(1)
    expect(file.activeId).toBe('default')
    // Switching to it gives back exactly the settings the user had.
    expect(settingsForAssistant(settings, file.assistants[0] as Assistant)).toEqual(settings)
  })

  it('runs a session with the assistant’s own fields over the shared settings', () => {
    const own = settingsForAssistant(settings, translator)
    expect(own).toMatchObject({
      instructions: 'Translate what I say into German.',
      voice: 'cedar',
      provider: 'openai',
      hotkey: 'Ctrl+Shift+T',
      historyRetentionDays: settings.historyRetentionDays
    })
  })

  it('runs an assistant on its own engine, or on Settings’ when it names none', () => {
    expect(settingsForAssistant(settings, { ...translator, engine: 'live' }).engine).toBe('live')
    expect(settingsForAssistant({ ...settings, engine: 'live' }, translator).engine).toBe('live')
    expect(settingsForAssistant(settings, translator).engine).toBe('realtime')
  })

  it('refuses two assistants with the same hotkey, naming the other one', () => {
    expect(assistantsProblem(withTwo(), 'linux')).toBeNull()
    expect(assistantsProblem(withTwo({ hotkey: 'Alt+F9' }), 'linux')).toBe(
      'Translator cannot use the hotkey Alt+F9: it is already Hark’s.'
    )
    // The same key written differently is the same key.
    expect(assistantsProblem(withTwo({ hotkey: 'alt + f9' }), 'linux')).toMatch(/already Hark’s/)
  })

  it('refuses a duplicate name, a bad hotkey, an Azure endpoint on OpenAI and a missing active one', () => {
    expect(assistantsProblem(withTwo({ name: 'hark' }), 'linux')).toBe(
      'There is already an assistant named hark.'
    )
    expect(assistantsProblem(withTwo({ hotkey: 'T' }), 'linux')).toMatch(/^Translator: /)
    expect(assistantsProblem(withTwo({ provider: 'azure' }), 'linux')).toMatch(
      /^Translator: Azure OpenAI needs your resource’s endpoint/
    )
    expect(assistantsProblem({ ...withTwo(), activeId: 'nobody' }, 'linux')).toBe(
      'The active assistant does not exist.'
    )
  })
})

describe('assistants store', () => {
  const store = async (): Promise<{ dir: string; s: ReturnType<typeof createAssistantsStore> }> => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-assistants-'))
    return {
      dir,
      s: createAssistantsStore({
        dir,
        readSettings: () => Promise.resolve(settings),
        platform: 'linux'
      })
    }
  }

  it('starts from the settings, then keeps what is saved', async () => {
    const { dir, s } = await store()
    expect((await s.get()).file).toEqual(assistantsFromSettings(settings))
    await s.save({ ...withTwo(), activeId: 'translator' })
    const saved = JSON.parse(await readFile(join(dir, 'assistants.json'), 'utf8')) as AssistantsFile
    expect(saved.activeId).toBe('translator')
    expect(saved.assistants.map((a) => a.name)).toEqual(['Hark', 'Translator'])
  })

  it('refuses to save a shared hotkey, and the saved file stays as it was', async () => {
    const { dir, s } = await store()
    await s.save(withTwo())
    const before = await readFile(join(dir, 'assistants.json'), 'utf8')
    await expect(s.save(withTwo({ hotkey: 'Alt+F9' }))).rejects.toThrow(AssistantsRejected)
    expect(await readFile(join(dir, 'assistants.json'), 'utf8')).toBe(before)
  })

  it('says so when assistants.json is not valid, and does not write over it', async () => {
    const { dir, s } = await store()
    await writeFile(join(dir, 'assistants.json'), '{"version":1,"activeId":"x","assistants":[]}')
    const reply = await s.get()
    expect(reply.notice).toMatch(/assistants\.json is not valid/)
    expect(reply.file).toEqual(assistantsFromSettings(settings))
    expect(await readFile(join(dir, 'assistants.json'), 'utf8')).toContain('"activeId":"x"')
  })
})
