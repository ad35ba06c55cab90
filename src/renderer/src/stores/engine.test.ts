import { describe, expect, it } from 'vitest'
import type { AssistantsFile } from '../../../shared/assistants'
import { settingsSchema } from '../../../shared/settings'
import { isLiveEngine } from './engine'

const settings = settingsSchema.parse({})
const translator = {
  id: 'translator',
  name: 'Translator',
  instructions: 'Translate into German.',
  voice: 'marin',
  model: 'gpt-realtime-2.1',
  url: 'wss://api.openai.com/v1/realtime',
  provider: 'openai' as const,
  hotkey: null,
  toolPolicies: {}
}
const withActive = (engine?: 'realtime' | 'live'): AssistantsFile => ({
  version: 1,
  activeId: 'translator',
  assistants: [{ ...translator, ...(engine ? { engine } : {}) }]
})

describe('which engine the window describes', () => {
  it('is the active assistant’s own engine, else Settings → Engine', () => {
    expect(isLiveEngine(settings, withActive('live'))).toBe(true)
    expect(isLiveEngine({ ...settings, engine: 'live' }, withActive('realtime'))).toBe(false)
    expect(isLiveEngine({ ...settings, engine: 'live' }, withActive())).toBe(true)
    expect(isLiveEngine(settings, null)).toBe(false)
  })
})
