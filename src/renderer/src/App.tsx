import { useEffect } from 'react'
import type { JSX } from 'react'
import { Onboarding } from './components/Onboarding'
import { MainView } from './components/MainView'
import { useAssistants } from './stores/assistants'
import { loadKeyStatus, onboardingStep, providerOfNextConnect, useKey } from './stores/key'
import { loadSettings, useSettings } from './stores/settings'

/**
 * First run asks for a key; afterwards (or with OPENAI_API_KEY set, or when the next Connect goes
 * to Azure OpenAI or another server) the conversation view.
 */
export function App(): JSX.Element {
  const status = useKey((state) => state.status)
  const error = useKey((state) => state.error)
  const skipped = useKey((state) => state.onboardingSkipped)
  const settings = useSettings((state) => state.settings)
  const settingsError = useSettings((state) => state.error)
  const assistants = useAssistants((state) => state.file)
  const assistantsError = useAssistants((state) => state.error)

  useEffect(() => {
    void loadKeyStatus()
    void loadSettings()
  }, [])

  const provider =
    providerOfNextConnect(settings, assistants) ??
    (settingsError !== null || assistantsError !== null ? 'unknown' : null)
  const step = status ? onboardingStep(status, provider) : 'wait'
  if (!status || step === 'wait') {
    return (
      <main className="app app--centered">
        <p className="muted" role={error ? 'alert' : undefined}>
          {error ? `Hark could not read the key status: ${error}` : 'Starting Hark…'}
        </p>
      </main>
    )
  }
  if (step === 'onboarding' && !skipped) return <Onboarding status={status} />
  return <MainView initialPanel={skipped ? 'settings' : null} />
}
