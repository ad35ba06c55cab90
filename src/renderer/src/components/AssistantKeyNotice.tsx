// Whether an assistant's provider has a key (issue 14, bad input: "an assistant without a key for
// its provider → says so in Settings"), from the key statuses main reports; never the key itself.
// Without one, the key can be given here, into that provider's own key store.
import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import { PROVIDER_INFO, type Provider } from '../../../shared/providers'
import { loadProviderKeys, saveProviderKey, useProviderKeys } from '../stores/provider-keys'

export function AssistantKeyNotice(props: {
  name: string
  provider: Provider
}): JSX.Element | null {
  const statuses = useProviderKeys((state) => state.statuses)
  const error = useProviderKeys((state) => state.error)
  const [key, setKey] = useState('')
  useEffect(() => {
    void loadProviderKeys()
  }, [])
  const status = statuses?.[props.provider]
  if (!status) return null
  const { label, envKeyVar } = PROVIDER_INFO[props.provider]
  if (status.configured)
    return (
      <p className="muted">
        {props.name} uses {label}, which has a key.
      </p>
    )
  return (
    <div className="notice" role="status">
      <p>
        {props.name} uses {label}, which has no key yet: Connect will fail until it has one. Paste
        it here (or set <code>{envKeyVar}</code>).
      </p>
      <div className="row-between">
        <input
          type="password"
          aria-label={`Key for ${label}`}
          value={key}
          autoComplete="off"
          spellCheck={false}
          placeholder="Paste the key"
          onChange={(e) => setKey(e.target.value)}
        />
        <button
          type="button"
          className="button"
          disabled={key.trim() === ''}
          onClick={() => void saveProviderKey(props.provider, key).then((ok) => ok && setKey(''))}
        >
          Save the key
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
