import { useEffect } from 'react'
import type { JSX } from 'react'
import { connectMic, setMicMuted, useMic } from '../stores/desktop'
import { hark } from '../ipc/hark'

/** Says so while the microphone is muted (from the tray), with the way back. */
export function MicMuted(): JSX.Element | null {
  const muted = useMic((state) => state.muted)
  useEffect(() => connectMic(hark()), [])
  if (!muted) return null
  return (
    <div className="notice row-between" role="status">
      <span>Microphone muted: Hark sends nothing you say until you unmute.</span>
      <button type="button" className="button" onClick={() => void setMicMuted(hark(), false)}>
        Unmute
      </button>
    </div>
  )
}
