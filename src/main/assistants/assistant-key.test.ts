// Issue 14, bad input: an assistant without a key for its provider is named at Connect; the tray's
// switch goes through the store, whose change listeners hear of it.
import { describe, expect, it } from 'vitest'
import { createHarness } from '../../../test/doubles/hark-main-harness'
import { withTranslator } from '../../../test/doubles/assistant-fixtures'

const OPENAI_KEY = 'sk-test-0123456789abcdef'

describe('an assistant without a key for its provider', () => {
  it('is named at Connect, and the one with a key still connects', async () => {
    const h = await createHarness({ OPENAI_API_KEY: OPENAI_KEY })
    await h.router.handleInvoke('assistants.save', withTranslator('translator'))
    expect(await h.router.answerInvoke('session.start', undefined)).toMatchObject({
      ok: false,
      code: 'auth',
      message:
        'Translator uses Azure OpenAI, which has no key yet. Add one in Settings → Provider, or set AZURE_OPENAI_API_KEY.'
    })
    // The OpenAI key in the environment never goes to Azure.
    expect(h.controllers.map((c) => c.keySeen)).not.toContain(OPENAI_KEY)
    await h.router.handleInvoke('assistants.switch', { id: 'default' })
    await h.router.handleInvoke('session.start', undefined)
    expect(h.controller().keySeen).toBe(OPENAI_KEY)
    await h.router.dispose()
  })

  it('keeps the provider’s own words while there is only one assistant', async () => {
    const h = await createHarness({})
    expect(await h.router.answerInvoke('session.start', undefined)).toMatchObject({
      ok: false,
      message: 'No API key is set. Add one in Settings, or set OPENAI_API_KEY.'
    })
    await h.router.dispose()
  })
})

describe('switching from the tray', () => {
  it('saves the new active assistant and tells the change listeners, not on a refusal', async () => {
    const h = await createHarness({ OPENAI_API_KEY: OPENAI_KEY })
    const heard: string[] = []
    h.router.assistants.onChange(({ file }) => heard.push(file.activeId))
    await h.router.handleInvoke('assistants.save', withTranslator('default'))
    await h.router.assistants.switchTo('translator')
    expect((await h.router.assistants.get()).file.activeId).toBe('translator')
    await expect(h.router.assistants.switchTo('nobody')).rejects.toThrow(
      'The active assistant does not exist.'
    )
    expect(heard).toEqual(['default', 'translator'])
    await h.router.dispose()
  })
})

describe('Settings → Talk hotkey is the first assistant’s', () => {
  it('is refused when another assistant has it, naming that one', async () => {
    const h = await createHarness({ OPENAI_API_KEY: OPENAI_KEY })
    await h.router.handleInvoke('assistants.save', withTranslator('default', { hotkey: 'Alt+F9' }))
    expect(await h.router.answerInvoke('settings.set', { hotkey: 'alt + f9' })).toMatchObject({
      ok: false,
      code: 'invalid_input',
      message: 'Hark cannot use the hotkey alt + f9: it is already Translator’s.'
    })
    expect(await h.router.answerInvoke('settings.set', { hotkey: 'Alt+F10' })).toMatchObject({
      ok: true
    })
    await h.router.dispose()
  })
})
