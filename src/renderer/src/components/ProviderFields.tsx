import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import {
  PROVIDERS,
  PROVIDER_INFO,
  providerEndpointProblem,
  type Provider
} from '../../../shared/providers'
import {
  clearProviderKey,
  loadProviderKeys,
  saveProviderKey,
  useProviderKeys
} from '../stores/provider-keys'

const HINTS: Record<Provider, string> = {
  openai: 'OpenAI’s Realtime API with your OpenAI key.',
  azure:
    'Your Azure OpenAI resource: Endpoint URL wss://<resource>.openai.azure.com/openai/v1/realtime, and Model is your deployment’s name. The key is sent as Azure’s api-key header.',
  compatible: 'Any server that speaks the Realtime protocol (a local one, too), with its own key.'
}

/** Settings → Provider: who serves the endpoint, and that provider's own key (issue 14). */
export function ProviderFields(props: {
  provider: Provider
  /** The endpoint in the form; main refuses a wrong one again before it dials. */
  url: string
  onProvider(provider: Provider): void
}): JSX.Element {
  const statuses = useProviderKeys((state) => state.statuses)
  const error = useProviderKeys((state) => state.error)
  const [key, setKey] = useState('')
  useEffect(() => {
    void loadProviderKeys()
  }, [])
  const { provider } = props
  const label = PROVIDER_INFO[provider].label
  const status = statuses?.[provider]
  // A hint, not a block: the browser host's endpoint comes from OPENAI_REALTIME_URL, which the
  // window does not see; main checks the endpoint it really dials (src/main/realtime/config.ts).
  const endpointProblem = providerEndpointProblem(provider, props.url)
  return (
    <fieldset className="field">
      <legend className="field__label">Provider</legend>
      <select
        aria-label="Provider"
        value={provider}
        onChange={(e) => props.onProvider(e.target.value as Provider)}
      >
        {PROVIDERS.map((id) => (
          <option key={id} value={id}>
            {PROVIDER_INFO[id].label}
          </option>
        ))}
      </select>
      <span className="muted">{HINTS[provider]}</span>
      {endpointProblem !== null && <p className="hint">{endpointProblem}</p>}
      {status && !status.configured && (
        <p className="notice" role="status">
          No API key is set for {label}: Connect will fail until you add one.
        </p>
      )}
      {status?.source === 'environment' && (
        <p className="hint">
          The {label} key comes from <code>{PROVIDER_INFO[provider].envKeyVar}</code>.
        </p>
      )}
      {provider !== 'openai' && status?.source !== 'environment' && (
        <div className="row-between">
          <input
            type="password"
            aria-label={`${label} API key`}
            value={key}
            autoComplete="off"
            spellCheck={false}
            placeholder={status?.configured ? 'A key is set' : 'Paste the key'}
            onChange={(e) => setKey(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={key.trim() === ''}
            onClick={() => void saveProviderKey(provider, key).then((ok) => ok && setKey(''))}
          >
            Save key
          </button>
          {status?.configured && (
            <button
              type="button"
              className="button button--danger"
              onClick={() => void clearProviderKey(provider)}
            >
              Remove key
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  )
}
