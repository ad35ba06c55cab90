import { create } from 'zustand'
import { DEFAULT_ASSISTANT_ID, type AssistantsFile } from '../../../shared/assistants'
import type { KeyStatus } from '../../../shared/ipc'
import type { Provider } from '../../../shared/providers'
import type { Settings } from '../../../shared/settings'
import type { ErrorCode } from '../../../shared/realtime-events'
import { codeOf, messageOf } from './errors'
import { hark } from '../ipc/hark'

interface KeyState {
  status: KeyStatus | null
  busy: boolean
  error: string | null
  /** 'storage': the key could not be saved, so the window offers "this run only". */
  errorCode: ErrorCode | null
  /** "I use Azure OpenAI or another server": the window opens on Settings instead. */
  onboardingSkipped: boolean
}

export const useKey = create<KeyState>()(() => ({
  status: null,
  busy: false,
  error: null,
  errorCode: null,
  onboardingSkipped: false
}))

async function run(action: () => Promise<KeyStatus>): Promise<boolean> {
  useKey.setState({ busy: true, error: null, errorCode: null })
  try {
    useKey.setState({ status: await action(), busy: false })
    return true
  } catch (error) {
    useKey.setState({ busy: false, error: messageOf(error), errorCode: codeOf(error) })
    return false
  }
}

export const loadKeyStatus = (): Promise<boolean> => run(() => hark().key.status())
export const saveKey = (key: string, persist: boolean): Promise<boolean> =>
  run(() => hark().key.set({ key, persist }))
export const clearKey = (): Promise<boolean> => run(() => hark().key.clear())

/** Who serves the next Connect: the active assistant's provider; the first one is Settings. */
export function providerOfNextConnect(
  settings: Settings | null,
  assistants: AssistantsFile | null
): Provider | null {
  if (!settings || !assistants) return null
  if (assistants.activeId === DEFAULT_ASSISTANT_ID) return settings.provider
  const active = assistants.assistants.find((assistant) => assistant.id === assistants.activeId)
  return active?.provider ?? settings.provider
}

/**
 * The OpenAI key form is shown until a key is available (the environment's key counts), unless
 * the next Connect goes to another provider, whose key lives in Settings → Provider. `provider`
 * null: not known yet ('wait'), or not knowable (a failed read: the form, as before providers).
 */
export function onboardingStep(
  status: KeyStatus,
  provider: Provider | null | 'unknown'
): 'onboarding' | 'main' | 'wait' {
  if (status.configured || status.source === 'environment') return 'main'
  if (provider === null) return 'wait'
  return provider === 'openai' || provider === 'unknown' ? 'onboarding' : 'main'
}

export const skipOnboarding = (): void => useKey.setState({ onboardingSkipped: true })
