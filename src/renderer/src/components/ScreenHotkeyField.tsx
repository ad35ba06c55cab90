// Settings → Look at my screen hotkey (issue 12 §3): optional, off unless set. Saved on its own
// (Set / Turn off); main checks it (a valid accelerator, not a talk hotkey) and says why not.
import { useEffect, useState } from 'react'
import type { JSX, KeyboardEvent } from 'react'
import { hark } from '../ipc/hark'
import { messageOf } from '../stores/errors'
import { useSettings } from '../stores/settings'

export function ScreenHotkeyField(): JSX.Element | null {
  const stored = useSettings((state) => state.settings?.screenHotkey ?? null)
  const [draft, setDraft] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  const text = draft ?? stored ?? ''
  // The stored hotkey may have been refused at start (another app holds it): said here.
  useEffect(() => {
    hark()
      .screen.hotkeyProblem()
      .then(
        (reply) => setProblem((shown) => shown ?? reply.problem),
        () => undefined
      )
  }, [])

  const save = async (value: string | null): Promise<void> => {
    setProblem(null)
    setSaved(null)
    // Not saveSettings: its error shows at the end of the form; this field says it beside itself.
    try {
      useSettings.getState().loaded(await hark().settings.set({ screenHotkey: value }))
    } catch (error) {
      setProblem(messageOf(error))
      return
    }
    setDraft(null)
    setSaved(value === null ? 'No hotkey for Look at my screen.' : `Saved: ${value}.`)
  }
  const set = (): void => void save(text.trim() === '' ? null : text.trim())
  // Enter sets this field only, not the whole settings form around it.
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter') return
    event.preventDefault()
    set()
  }

  return (
    <div className="field">
      <label className="field__label" htmlFor="screen-hotkey">
        Look at my screen hotkey
      </label>
      <div className="row-between">
        <input
          id="screen-hotkey"
          type="text"
          value={text}
          spellCheck={false}
          autoComplete="off"
          placeholder="None (e.g. CommandOrControl+Shift+L)"
          onChange={(e) => {
            setDraft(e.target.value)
            setSaved(null)
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button" onClick={set}>
          Set
        </button>
        {stored !== null && (
          <button type="button" className="button" onClick={() => void save(null)}>
            Turn off
          </button>
        )}
      </div>
      <span className="muted">
        Optional, desktop app only: a press captures the screen like the Look at my screen button;
        the picture waits for your next message. It cannot be a talk hotkey.
      </span>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <span className="muted" aria-live="polite">
        {saved ?? ''}
      </span>
    </div>
  )
}
