import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import { saveSettings, useSettings } from '../stores/settings'
import { deleteAllHistory, refreshHistory, useHistory } from '../stores/history'
import { RecordingSetting } from './RecordingSetting'

const RETENTION: { label: string; days: number | null }[] = [
  { label: 'Forever', days: null },
  { label: '7 days', days: 7 },
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: 'One year', days: 365 }
]

function storageSentence(mode: string | undefined, folder: string): string {
  switch (mode) {
    case 'encrypted':
      return `Conversations are kept encrypted on this computer, in ${folder}, with a key held by the system's key store.`
    case 'plain':
      return `This system has no key store: conversations are kept unencrypted in ${folder}, as you allowed.`
    case 'off':
      return 'This system has no key store, so Hark could not encrypt your history: it is not saved unless you allow unencrypted files below.'
    case 'locked':
      return `Hark cannot read its history in ${folder}: the key that encrypts it is kept by the system's key store, which is not reachable now.`
    default:
      return 'Reading the history…'
  }
}

/** Settings → History: how it is stored, how long it is kept, and deleting all of it. Applied
 * at once (not with "Save settings"), since each choice changes what is on disk. */
export function HistorySettings(): JSX.Element | null {
  const settings = useSettings((state) => state.settings)
  const status = useHistory((state) => state.status)
  const [confirming, setConfirming] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  useEffect(() => {
    void refreshHistory()
  }, [])
  if (!settings) return null
  const apply = async (patch: Parameters<typeof saveSettings>[0]): Promise<void> => {
    if (await saveSettings(patch)) await refreshHistory()
  }
  return (
    <fieldset className="field">
      <legend className="field__label">History</legend>
      <p className="hint">{storageSentence(status?.mode, status?.folder ?? '')}</p>
      {(status?.mode === 'off' || status?.mode === 'plain') && (
        <label className="check">
          <input
            type="checkbox"
            checked={settings.historyPlainAllowed}
            onChange={(e) => void apply({ historyPlainAllowed: e.target.checked })}
          />
          <span>Keep history unencrypted on this computer</span>
        </label>
      )}
      <RecordingSetting settings={settings} status={status} apply={apply} />
      <label className="field">
        <span className="field__label">Keep conversations</span>
        <select
          value={settings.historyRetentionDays ?? 'forever'}
          onChange={(e) =>
            void apply({
              historyRetentionDays: e.target.value === 'forever' ? null : Number(e.target.value)
            })
          }
        >
          {RETENTION.map((option) => (
            <option key={option.label} value={option.days ?? 'forever'}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {confirming ? (
        <div className="row-between">
          <span>Delete every saved conversation? This cannot be undone.</span>
          <button
            type="button"
            className="button button--danger"
            onClick={() =>
              void deleteAllHistory().then(() => {
                setConfirming(false)
                setDone('All history was deleted.')
              })
            }
          >
            Delete everything
          </button>
          <button type="button" className="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="row-between">
          <span className="muted" aria-live="polite">
            {done ?? ''}
          </span>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setDone(null)
              setConfirming(true)
            }}
          >
            Delete all history
          </button>
        </div>
      )}
    </fieldset>
  )
}
