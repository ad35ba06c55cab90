import { describe, expect, it } from 'vitest'
import { assistantsFromSettings, type AssistantsFile } from '../../../shared/assistants'
import { settingsSchema } from '../../../shared/settings'
import { isLiveEngine } from './engine'

const settings = settingsSchema.parse({})
/** One active assistant, with its own engine or none. */
function withActive(engine?: 'realtime' | 'live'): AssistantsFile {
  const file = assistantsFromSettings(settings)
  return {
    ...file,
    assistants: file.assistants.map((assistant) => ({ ...assistant, ...(engine && { engine }) }))
  }
}

describe('which engine the window describes', () => {
  it('is the active assistant’s own engine, else Settings → Engine', () => {
    expect(isLiveEngine(settings, withActive('live'))).toBe(true)
    expect(isLiveEngine({ ...settings, engine: 'live' }, withActive('realtime'))).toBe(false)
    expect(isLiveEngine({ ...settings, engine: 'live' }, withActive())).toBe(true)
    expect(isLiveEngine(settings, null)).toBe(false)
  })
})
