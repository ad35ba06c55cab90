import { useEffect } from 'react'
import type { JSX } from 'react'
import { loadCapabilities, openLogsFolder, useDesktop } from '../stores/desktop'
import { hark } from '../ipc/hark'

/** "Launch at login" (saved with the other settings) and "Open logs folder". */
export function DesktopFields(props: {
  launchAtLogin: boolean
  onLaunchAtLogin(on: boolean): void
}): JSX.Element {
  const capabilities = useDesktop((state) => state.capabilities)
  const logsMessage = useDesktop((state) => state.logsMessage)
  useEffect(() => {
    void loadCapabilities(hark())
  }, [])
  const login = capabilities?.launchAtLogin
  const logsFolder = capabilities?.logsFolder ?? null
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={props.launchAtLogin}
          disabled={!login?.available}
          onChange={(e) => props.onLaunchAtLogin(e.target.checked)}
        />
        <span>Launch at login</span>
      </label>
      {login && !login.available && login.reason && <p className="hint">{login.reason}</p>}
      <div className="field">
        <span className="field__label">Logs</span>
        {logsFolder === null ? (
          <span className="muted">
            The browser host writes its log to the terminal it runs in; there is no logs folder.
          </span>
        ) : (
          <div className="row-between">
            <span className="muted">API keys and audio are never written to the log.</span>
            <button
              type="button"
              className="button"
              title={logsFolder}
              onClick={() => void openLogsFolder(hark())}
            >
              Open logs folder
            </button>
          </div>
        )}
        {logsMessage && (
          <p className="error" role="alert">
            {logsMessage}
          </p>
        )}
      </div>
    </>
  )
}
