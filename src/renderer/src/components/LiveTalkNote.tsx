import { useEffect } from 'react'
import type { JSX } from 'react'
import { isHandsFree } from '../audio/capture-preferences'
import { hark } from '../ipc/hark'
import { useConnection } from '../stores/connection'
import { setMicMuted, useMic } from '../stores/desktop'
import { isLiveEngine, useStopNote } from '../stores/engine'
import { useSettings } from '../stores/settings'
import { useAssistants } from '../stores/assistants'

/**
 * Under the talk control on GPT-Live: what the button does in this engine (no commit: it mutes
 * and unmutes, and GPT-Live decides when you have finished), the hands-free Mute button, and what
 * Stop speaking could and could not do.
 */
export function LiveTalkNote(): JSX.Element | null {
  const assistants = useAssistants((state) => state.file)
  const live = useSettings((state) => isLiveEngine(state.settings, assistants))
  const handsFree = useSettings((state) => isHandsFree(state.settings))
  const muted = useMic((state) => state.muted)
  const status = useConnection((state) => state.status)
  const stopNote = useStopNote((state) => state.note)
  useEffect(() => useStopNote.setState({ note: null }), [status])
  if (!live) return null
  return (
    <div className="live-talk" role="group" aria-label="GPT-Live">
      {handsFree && (
        <button
          type="button"
          className="button"
          aria-pressed={muted}
          onClick={() => void setMicMuted(hark(), !muted)}
        >
          {muted ? 'Unmute' : 'Mute'}
        </button>
      )}
      <p className="muted" aria-label="What the talk button does">
        {handsFree
          ? 'GPT-Live hears you the whole time you are connected; Mute stops sending your voice. GPT-Live decides when you have finished, and you can talk over it.'
          : 'GPT-Live hears you only while you hold the button; letting go mutes you. GPT-Live itself decides when you have finished and when to answer.'}
      </p>
      {stopNote && (
        <p className="muted" role="status">
          {stopNote}
        </p>
      )}
    </div>
  )
}
