import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import { platformAutoGainControl } from '../audio/capture-preferences'

/** The labels of the input devices now, kept fresh across plugging and unplugging. */
function useInputLabels(): string[] {
  const [labels, setLabels] = useState<string[]>([])
  useEffect(() => {
    let live = true
    const refresh = (): void => {
      void navigator.mediaDevices.enumerateDevices().then((devices) => {
        // Labels are empty until microphone permission is granted; such entries cannot be kept.
        const found = devices.filter((d) => d.kind === 'audioinput' && d.label).map((d) => d.label)
        if (live) setLabels([...new Set(found)])
      })
    }
    refresh()
    navigator.mediaDevices.addEventListener('devicechange', refresh)
    return () => {
      live = false
      navigator.mediaDevices.removeEventListener('devicechange', refresh)
    }
  }, [])
  return labels
}

interface Props {
  deviceLabel: string
  autoGainControl: boolean | null
  onDeviceLabel(label: string): void
  onAutoGainControl(on: boolean): void
}

/** "Microphone" (by name, so the choice survives restarts) and "Automatic gain control". */
export function MicrophoneFields(props: Props): JSX.Element {
  const labels = useInputLabels()
  // A chosen device that is unplugged stays selectable, so saving does not silently drop it.
  const missing = props.deviceLabel !== '' && !labels.includes(props.deviceLabel)
  return (
    <>
      <label className="field">
        <span className="field__label">Microphone</span>
        <select value={props.deviceLabel} onChange={(e) => props.onDeviceLabel(e.target.value)}>
          <option value="">System default</option>
          {labels.map((label) => (
            <option key={label} value={label}>
              {label}
            </option>
          ))}
          {missing && (
            <option value={props.deviceLabel}>{props.deviceLabel} (not connected)</option>
          )}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={props.autoGainControl ?? platformAutoGainControl()}
          onChange={(e) => props.onAutoGainControl(e.target.checked)}
        />
        <span>Automatic gain control</span>
      </label>
    </>
  )
}
