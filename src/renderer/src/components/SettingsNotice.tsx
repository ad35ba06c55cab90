import type { JSX } from 'react'
import { useSettings } from '../stores/settings'

/**
 * Main's sentence about the settings file (e.g. it was unreadable and defaults are in use), shown
 * where the user will see it at start, not only inside the Settings panel.
 */
export function SettingsNotice(): JSX.Element | null {
  const notice = useSettings((state) => state.notice)
  if (!notice) return null
  return (
    <div className="banner" role="alert">
      <p>{notice}</p>
      <button
        type="button"
        className="button button--ghost"
        onClick={() => useSettings.setState({ notice: null })}
      >
        Dismiss
      </button>
    </div>
  )
}
