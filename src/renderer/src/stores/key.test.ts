import { describe, expect, it } from 'vitest'
import { assistantsFromSettings, type AssistantsFile } from '../../../shared/assistants'
import type { KeyStatus } from '../../../shared/ipc'
import { settingsSchema } from '../../../shared/settings'
import { onboardingStep, providerOfNextConnect } from './key'

const noKey: KeyStatus = { configured: false, source: null, secureStorageAvailable: true }
const settings = settingsSchema.parse({})
const azureSettings = { ...settings, provider: 'azure' as const }

function withTranslator(activeId: string): AssistantsFile {
  const file = assistantsFromSettings(settings)
  const first = file.assistants[0]!
  return {
    ...file,
    activeId,
    assistants: [first, { ...first, id: 'translator', name: 'Translator', provider: 'azure' }]
  }
}

describe('the first-start key form', () => {
  it('asks for OpenAI’s key only when the next Connect goes to OpenAI', () => {
    const onOpenAi = providerOfNextConnect(settings, assistantsFromSettings(settings))
    expect(onboardingStep(noKey, onOpenAi)).toBe('onboarding')
    // Settings → Provider is Azure: its key is set there, not in the OpenAI form.
    const onAzure = providerOfNextConnect(azureSettings, assistantsFromSettings(settings))
    expect(onAzure).toBe('azure')
    expect(onboardingStep(noKey, onAzure)).toBe('main')
    // The active assistant is served by Azure.
    expect(providerOfNextConnect(settings, withTranslator('translator'))).toBe('azure')
    expect(providerOfNextConnect(settings, withTranslator('default'))).toBe('openai')
  })

  it('waits until the provider is known, and asks as before when it cannot be read', () => {
    expect(providerOfNextConnect(null, assistantsFromSettings(settings))).toBeNull()
    expect(onboardingStep(noKey, null)).toBe('wait')
    expect(onboardingStep(noKey, 'unknown')).toBe('onboarding')
  })

  it('never asks when a key is there, the environment’s included', () => {
    expect(onboardingStep({ ...noKey, configured: true, source: 'secure-storage' }, null)).toBe(
      'main'
    )
    expect(onboardingStep({ ...noKey, source: 'environment' }, 'openai')).toBe('main')
  })
})
