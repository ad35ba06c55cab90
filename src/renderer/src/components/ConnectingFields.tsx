import type { JSX } from 'react'
import type { Settings } from '../../../shared/settings'

type Fields = Pick<Settings, 'idleDisconnectMinutes' | 'keepMicrophoneReady'>

const IDLE_CHOICES: { minutes: number | null; label: string }[] = [
  { minutes: 1, label: 'after 1 minute' },
  { minutes: 5, label: 'after 5 minutes' },
  { minutes: 10, label: 'after 10 minutes' },
  { minutes: 30, label: 'after 30 minutes' },
  { minutes: 60, label: 'after 1 hour' },
  { minutes: null, label: 'never' }
]

/** Connect on demand: when an unused session closes, and whether the microphone stays ready. */
export function ConnectingFields(props: {
  value: Fields
  onChange(fields: Partial<Fields>): void
}): JSX.Element {
  const { idleDisconnectMinutes, keepMicrophoneReady } = props.value
  // A value set in the file by hand keeps its own entry.
  const choices = IDLE_CHOICES.some((c) => c.minutes === idleDisconnectMinutes)
    ? IDLE_CHOICES
    : [
        ...IDLE_CHOICES,
        { minutes: idleDisconnectMinutes, label: `after ${idleDisconnectMinutes} minutes` }
      ]
  return (
    <>
      <label className="field">
        <span className="field__label">Disconnect when idle</span>
        <select
          value={idleDisconnectMinutes === null ? 'never' : String(idleDisconnectMinutes)}
          onChange={(e) =>
            props.onChange({
              idleDisconnectMinutes: e.target.value === 'never' ? null : Number(e.target.value)
            })
          }
        >
          {choices.map((choice) => (
            <option
              key={String(choice.minutes)}
              value={choice.minutes === null ? 'never' : String(choice.minutes)}
            >
              {choice.label}
            </option>
          ))}
        </select>
        <span className="muted">
          Talking or typing while disconnected connects at once; nothing you say meanwhile is lost.
        </span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={keepMicrophoneReady}
          onChange={(e) => props.onChange({ keepMicrophoneReady: e.target.checked })}
        />
        <span>Keep the microphone ready</span>
      </label>
      <p className="hint">
        Off: in push-to-talk the microphone opens when you press and closes when you let go, so the
        system&apos;s microphone indicator is on only while you talk. On: it stays open while
        connected. Hands-free always listens while connected.
      </p>
    </>
  )
}
