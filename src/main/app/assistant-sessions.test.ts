// Several assistants connected at once through the core (issue 14): each has its own session,
// events say whose they are, typed messages and the microphone go to the right one, and bad input
// (an unknown assistant, a missing key, a removed assistant) is refused or handled in words.
import { describe, expect, it, vi } from 'vitest'
import { createHarness, type Harness } from '../../../test/doubles/hark-main-harness'
import { FakeAssistantHotkeys } from '../../../test/doubles/fake-hotkey'
import type { FakeController } from '../../../test/doubles/fake-controller'
import { withTranslator as translatorFile } from '../../../test/doubles/assistant-fixtures'
import {
  assistantsFromSettings,
  type Assistant,
  type AssistantsFile
} from '../../shared/assistants'
import { settingsSchema } from '../../shared/settings'

const KEY = 'sk-test-0123456789abcdef'

/** Hark and an OpenAI translator with its own hotkey, with `changes` made to the translator. */
function withTranslator(activeId: string, changes: Partial<Assistant> = {}): AssistantsFile {
  return translatorFile(activeId, {
    provider: 'openai',
    // Loopback: the harness's controllers are fakes and dial nothing, and no test names a real host.
    url: 'ws://127.0.0.1:9/v1/realtime',
    model: 'gpt-realtime-mini',
    hotkey: 'Ctrl+Shift+T',
    ...changes
  })
}

/** One push-to-talk turn from the window: press, a chunk, release. */
function talkTurn(h: Harness): void {
  h.router.handleSend('ptt.down', undefined)
  h.router.handleSend('audio.append', new Uint8Array(960))
  h.router.handleSend('ptt.up', undefined)
}

/** Hark and the translator both connected: [Hark's controller, the translator's]. */
async function bothConnected(h: Harness): Promise<[FakeController, FakeController]> {
  await h.router.handleInvoke('assistants.save', withTranslator('translator'))
  await h.router.handleInvoke('session.start', undefined)
  const translator = h.controller()
  await h.router.handleInvoke('assistants.switch', { id: 'default' })
  await h.router.handleInvoke('session.start', undefined)
  return [h.controller(), translator]
}

const methods = (controller: FakeController): string[] => controller.calls.map((c) => c.method)

describe('two assistants at once', () => {
  it('keeps one session per assistant, each with its own instructions', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const [hark, translator] = await bothConnected(h)
    expect(h.controllers).toHaveLength(2)
    expect([hark.status, translator.status]).toEqual(['connected', 'connected'])
    expect(translator.config.instructions).toBe('Translate into German.')
    expect(hark.config.instructions).toBe(settingsSchema.parse({}).instructions)
    await h.router.dispose()
  })

  it('tags every session event with its assistant', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const [hark, translator] = await bothConnected(h)
    h.emitted.length = 0
    translator.emit({ type: 'transcript_delta', role: 'assistant', itemId: 'i1', delta: 'Hallo' })
    hark.emit({ type: 'transcript_delta', role: 'assistant', itemId: 'i2', delta: 'Hello' })
    expect(h.emitted).toEqual([
      {
        channel: 'transcript.delta',
        payload: { role: 'assistant', itemId: 'i1', delta: 'Hallo', assistantId: 'translator' }
      },
      {
        channel: 'transcript.delta',
        payload: { role: 'assistant', itemId: 'i2', delta: 'Hello', assistantId: 'default' }
      }
    ])
    await h.router.dispose()
  })

  it('sends a typed message to the assistant it names, else to the active one', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const [hark, translator] = await bothConnected(h)
    await h.router.handleInvoke('session.sendText', {
      text: 'Guten Tag?',
      assistantId: 'translator'
    })
    await h.router.handleInvoke('session.sendText', { text: 'Hello?' })
    expect(translator.calls.filter((c) => c.method === 'sendText')).toEqual([
      { method: 'sendText', text: 'Guten Tag?' }
    ])
    expect(hark.calls.filter((c) => c.method === 'sendText')).toEqual([
      { method: 'sendText', text: 'Hello?' }
    ])
    await h.router.dispose()
  })

  it('refuses, in words, a message naming an assistant that does not exist', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await bothConnected(h)
    const reply = await h.router.answerInvoke('session.sendText', {
      text: 'Anyone?',
      assistantId: 'ghost'
    })
    expect(reply).toEqual({
      ok: false,
      code: 'invalid_input',
      message: 'There is no assistant with the id “ghost”.'
    })
    await h.router.dispose()
  })

  it('gives the microphone to the active assistant only', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const [hark, translator] = await bothConnected(h)
    const before = methods(translator)
    talkTurn(h)
    expect(methods(hark).slice(-3)).toEqual(['interrupt', 'appendAudio', 'commitUserTurn'])
    expect(methods(translator)).toEqual(before)
    await h.router.dispose()
  })

  it('keeps a turn with the assistant it started with when the user switches meanwhile', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const [hark, translator] = await bothConnected(h)
    h.router.handleSend('ptt.down', undefined)
    await h.router.handleInvoke('assistants.switch', { id: 'translator' })
    h.router.handleSend('audio.append', new Uint8Array(960))
    h.router.handleSend('ptt.up', undefined)
    expect(methods(hark).slice(-3)).toEqual(['interrupt', 'appendAudio', 'commitUserTurn'])
    expect(methods(translator)).not.toContain('appendAudio')
    // The next turn goes to the assistant now active.
    talkTurn(h)
    expect(methods(translator).slice(-3)).toEqual(['interrupt', 'appendAudio', 'commitUserTurn'])
    await h.router.dispose()
  })

  it('reports playback to the session whose answer played', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const [hark, translator] = await bothConnected(h)
    translator.emit({ type: 'audio', responseId: 'r1', itemId: 'tr_item', pcm: new Uint8Array(4) })
    h.router.handleSend('playback.progress', { itemId: 'tr_item', playedMs: 120 })
    expect(translator.calls.at(-1)).toEqual({
      method: 'reportPlayback',
      itemId: 'tr_item',
      playedMs: 120,
      final: false
    })
    expect(methods(hark)).not.toContain('reportPlayback')
    await h.router.dispose()
  })

  it('closes a removed assistant’s session and keeps the other running', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    const [hark, translator] = await bothConnected(h)
    const justHark = assistantsFromSettings(settingsSchema.parse({}))
    await h.router.handleInvoke('assistants.save', justHark)
    await vi.waitFor(() => expect(translator.status).toBe('disconnected'))
    expect(methods(translator)).toContain('stop')
    expect(hark.status).toBe('connected')
    await h.router.dispose()
  })

  it('says at Connect which assistant lacks a key for which provider', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('assistants.save', translatorFile('translator'))
    const reply = await h.router.answerInvoke('session.start', undefined)
    expect(reply).toMatchObject({
      ok: false,
      code: 'auth',
      message: expect.stringMatching(
        /^Translator uses Azure OpenAI, which has no key yet\./
      ) as unknown
    })
    await h.router.dispose()
  })

  it('tells the window whenever the assistants or the active one change', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('assistants.save', withTranslator('default'))
    await h.router.handleInvoke('assistants.switch', { id: 'translator' })
    const updates = h.emitted.filter((e) => e.channel === 'assistants.updated')
    expect(updates.map((e) => (e.payload as { file: AssistantsFile }).file.activeId)).toEqual([
      'default',
      'translator'
    ])
    await h.router.dispose()
  })
})

describe('assistants’ own hotkeys', () => {
  it('are applied, and each talks to its assistant while the Settings one talks to the active', async () => {
    const hotkey = new FakeAssistantHotkeys()
    const h = await createHarness({ OPENAI_API_KEY: KEY }, { hotkey })
    const [hark, translator] = await bothConnected(h)
    expect(hotkey.assistantBindings.at(-1)).toEqual([
      { assistantId: 'translator', hotkey: 'Ctrl+Shift+T' }
    ])
    hotkey.fire({ type: 'talkStart', assistantId: 'translator' })
    expect(h.emitted.at(-1)).toEqual({ channel: 'hotkey.talkStart', payload: undefined })
    // The window answers the talk event with its push-to-talk turn.
    talkTurn(h)
    expect(methods(translator).slice(-3)).toEqual(['interrupt', 'appendAudio', 'commitUserTurn'])
    expect(methods(hark)).not.toContain('appendAudio')
    hotkey.fire({ type: 'talkStart' })
    talkTurn(h)
    expect(methods(hark).slice(-3)).toEqual(['interrupt', 'appendAudio', 'commitUserTurn'])
    await h.router.dispose()
  })

  it('connects a disconnected assistant when its hotkey is pressed', async () => {
    const hotkey = new FakeAssistantHotkeys()
    const h = await createHarness({ OPENAI_API_KEY: KEY }, { hotkey })
    await h.router.handleInvoke('assistants.save', withTranslator('default'))
    hotkey.fire({ type: 'talkStart', assistantId: 'translator' })
    h.router.handleSend('ptt.down', undefined)
    await vi.waitFor(() => expect(h.controller().status).toBe('connected'))
    expect(h.controllers).toHaveLength(1)
    expect(h.controller().config.instructions).toBe('Translate into German.')
    await h.router.dispose()
  })
})
