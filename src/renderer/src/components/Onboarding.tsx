import { useId, useState } from 'react'
import type { FormEvent, JSX } from 'react'
import type { KeyStatus } from '../../../shared/ipc'
import { saveKey, skipOnboarding, useKey } from '../stores/key'

const KEYS_URL = 'https://platform.openai.com/api-keys'

/** First run: ask for the API key. It goes to main write-only and never comes back. */
export function Onboarding({ status }: { status: KeyStatus }): JSX.Element {
  const inputId = useId()
  const noteId = useId()
  const [key, setKey] = useState('')
  const [remember, setRemember] = useState(true)
  const busy = useKey((state) => state.busy)
  const error = useKey((state) => state.error)
  // The key could not be written (read-only folder, full disk): it can still serve this run.
  const cannotStore = useKey((state) => state.errorCode === 'storage')
  const secure = status.secureStorageAvailable
  const trimmed = key.trim()

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    if (trimmed.length < 8 || busy) return
    void saveKey(trimmed, secure && remember)
  }

  return (
    <main className="app app--centered">
      <form className="card onboarding" onSubmit={onSubmit} aria-labelledby={`${inputId}-title`}>
        <h1 id={`${inputId}-title`} className="onboarding__title">
          Welcome to Hark
        </h1>
        <p className="muted">
          Hark talks to the OpenAI Realtime API with your own API key. The key stays on this
          computer and is sent only to the Realtime endpoint (OpenAI unless you change it).
        </p>
        <label className="field" htmlFor={inputId}>
          <span className="field__label">OpenAI API key</span>
          <input
            id={inputId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="sk-…"
            value={key}
            aria-describedby={noteId}
            onChange={(event) => setKey(event.target.value)}
            autoFocus
          />
        </label>
        <p id={noteId} className="hint">
          If the <code>OPENAI_API_KEY</code> environment variable is set when Hark starts, Hark uses
          it and does not ask. You can create a key at{' '}
          <a href={KEYS_URL} target="_blank" rel="noreferrer">
            platform.openai.com/api-keys
          </a>
          .
        </p>
        {secure ? (
          <label className="check">
            <input
              type="checkbox"
              checked={remember}
              onChange={(event) => setRemember(event.target.checked)}
            />
            <span>Remember the key on this computer (encrypted by the system)</span>
          </label>
        ) : (
          <p className="notice">
            This system has no secure key storage, so Hark can keep your key for this run only.
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          {cannotStore && (
            <button
              type="button"
              className="button"
              disabled={busy || trimmed.length < 8}
              onClick={() => void saveKey(trimmed, false)}
            >
              Use key for this run only
            </button>
          )}
          <button
            type="submit"
            className="button button--primary"
            disabled={busy || trimmed.length < 8}
          >
            {secure ? 'Save key' : 'Use key for this run only'}
          </button>
        </div>
        <p className="hint">
          Served by Azure OpenAI or another Realtime server instead?{' '}
          <button type="button" className="button button--link" onClick={skipOnboarding}>
            Choose the provider in Settings
          </button>
        </p>
      </form>
    </main>
  )
}
