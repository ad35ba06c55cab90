import { useEffect } from 'react'
import type { JSX } from 'react'
import { Onboarding } from './components/Onboarding'
import { MainView } from './components/MainView'
import { loadKeyStatus, needsOnboarding, useKey } from './stores/key'

/** First run asks for a key; afterwards (or with OPENAI_API_KEY set) the conversation view. */
export function App(): JSX.Element {
  const status = useKey((state) => state.status)
  const error = useKey((state) => state.error)

  useEffect(() => {
    void loadKeyStatus()
  }, [])

  if (!status) {
    return (
      <main className="app app--centered">
        <p className="muted" role={error ? 'alert' : undefined}>
          {error ? `Hark could not read the key status: ${error}` : 'Starting Hark…'}
        </p>
      </main>
    )
  }
  if (needsOnboarding(status)) return <Onboarding status={status} />
  return <MainView />
}
