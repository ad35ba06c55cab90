// Switching assistants through the core: the next Connect runs the active assistant's
// instructions, voice and model; a hotkey another assistant has is refused with its name.
import { describe, expect, it } from 'vitest'
import { createHarness } from '../../../test/doubles/hark-main-harness'
import { assistantsFromSettings, type AssistantsFile } from '../../shared/assistants'
import { settingsSchema } from '../../shared/settings'

const KEY = 'sk-test-0123456789abcdef'

function twoAssistants(activeId: string, hotkey = 'Ctrl+Shift+T'): AssistantsFile {
  const file = assistantsFromSettings(settingsSchema.parse({}))
  return {
    ...file,
    activeId,
    assistants: [
      ...file.assistants,
      {
        id: 'translator',
        name: 'Translator',
        instructions: 'Translate into German.',
        voice: 'cedar',
        model: 'gpt-realtime-mini',
        url: 'wss://api.openai.com/v1/realtime',
        provider: 'openai',
        hotkey,
        toolPolicies: {}
      }
    ]
  }
}

describe('assistants through the core', () => {
  it('connects with the active assistant, and with Settings again for the first one', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('assistants.save', twoAssistants('default'))
    await h.router.handleInvoke('assistants.switch', { id: 'translator' })
    await h.router.handleInvoke('session.start', undefined)
    expect(h.controller().config).toMatchObject({
      instructions: 'Translate into German.',
      voice: 'cedar',
      model: 'gpt-realtime-mini'
    })
    await h.router.handleInvoke('session.stop', undefined)
    await h.router.handleInvoke('assistants.switch', { id: 'default' })
    await h.router.handleInvoke('settings.set', { voice: 'marin' })
    await h.router.handleInvoke('session.start', undefined)
    expect(h.controller().config).toMatchObject({ voice: 'marin', model: 'gpt-realtime-2.1' })
    await h.router.dispose()
  })

  it('refuses a hotkey another assistant has, naming it, and a switch to no one', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const shared = await h.router.answerInvoke(
      'assistants.save',
      twoAssistants('default', 'CommandOrControl+Shift+Space')
    )
    expect(shared).toMatchObject({
      ok: false,
      code: 'invalid_input',
      message: expect.stringMatching(/Translator cannot use the hotkey .*already Hark’s/) as unknown
    })
    expect(await h.router.answerInvoke('assistants.switch', { id: 'nobody' })).toMatchObject({
      ok: false,
      message: 'The active assistant does not exist.'
    })
    await h.router.dispose()
  })
})
