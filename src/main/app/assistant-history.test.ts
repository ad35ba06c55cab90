// History and cost tagged with the assistant (issue 14): two assistants talking at once keep two
// conversations, each saying whose it is, and that survives a restart (the list's index); the
// default assistant's conversations are written as before, with no tag.
import { describe, expect, it } from 'vitest'
import { assistantItem, userItem } from '../../../test/doubles/conversation-items'
import { createHarness } from '../../../test/doubles/hark-main-harness'
import { assistantsFromSettings } from '../../shared/assistants'
import { settingsSchema } from '../../shared/settings'
import { createHarkMain } from './hark-main'

const KEY = 'sk-test-0123456789abcdef'

interface Summary {
  title: string
  assistantId?: string
}

describe('history tagged with the assistant', () => {
  it('keeps one conversation per assistant, each tagged, across a restart', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const file = assistantsFromSettings(settingsSchema.parse({}))
    await h.router.handleInvoke('assistants.save', {
      ...file,
      activeId: 'translator',
      assistants: [
        ...file.assistants,
        { ...file.assistants[0]!, id: 'translator', name: 'Translator', hotkey: null }
      ]
    })
    await h.router.handleInvoke('session.start', undefined)
    const translator = h.controller()
    await h.router.handleInvoke('assistants.switch', { id: 'default' })
    await h.router.handleInvoke('session.start', undefined)
    const hark = h.controller()
    translator.emit({
      type: 'history',
      items: [userItem('u1', 'Übersetze bitte'), assistantItem('a1', 'Please translate')]
    })
    hark.emit({ type: 'history', items: [userItem('u2', 'What time is it?')] })

    const list = async (router = h.router): Promise<Summary[]> =>
      ((await router.handleInvoke('history.list', undefined)) as { conversations: Summary[] })
        .conversations
    const byTitle = (summaries: Summary[]): Record<string, string | undefined> =>
      Object.fromEntries(summaries.map((s) => [s.title, s.assistantId]))
    expect(byTitle(await list())).toEqual({
      'Übersetze bitte': 'translator',
      'What time is it?': undefined
    })
    await h.router.dispose()

    const again = createHarkMain({ userDataDir: h.dir, env: {}, cipher: h.cipher })
    expect(byTitle(await list(again))).toEqual({
      'Übersetze bitte': 'translator',
      'What time is it?': undefined
    })
    await again.dispose()
  })
})
