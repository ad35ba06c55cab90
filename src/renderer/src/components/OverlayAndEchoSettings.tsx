// Settings → the floating overlay (on/off, saved at once) and Check for echo (issue 13).
import type { JSX } from 'react'
import { echoSentence, grantedSentence } from '../audio/echo/echo-verdict'
import { runEchoCheck, useEchoCheck } from '../stores/echo-check'
import { saveSettings, useSettings } from '../stores/settings'

export function OverlayAndEchoSettings(): JSX.Element | null {
  const settings = useSettings((state) => state.settings)
  const running = useEchoCheck((state) => state.running)
  const error = useEchoCheck((state) => state.error)
  if (!settings) return null
  const result = settings.echoCheck
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={settings.overlay}
          onChange={(e) => void saveSettings({ overlay: e.target.checked })}
        />
        <span>Show the overlay while talking from another app</span>
      </label>
      <p className="hint">
        A small pill at the bottom of the screen shows when Hark listens, thinks and speaks, and
        asks there about tools, while you use the talk hotkey in another app.
      </p>
      <section className="field" aria-label="Echo check">
        <div className="row-between">
          <span className="field__label">Speaker echo</span>
          <button
            type="button"
            className="button"
            disabled={running}
            onClick={() => void runEchoCheck().catch(() => undefined)}
          >
            {running ? 'Checking…' : 'Check for echo'}
          </button>
        </div>
        <p className="muted" role="status">
          {running
            ? 'Playing a short sound and listening for it…'
            : result
              ? echoSentence(result)
              : 'Not checked yet: Hark plays a short sound and listens whether it hears itself.'}
        </p>
        {result && !running && <p className="hint">{grantedSentence(result)}</p>}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
    </>
  )
}
