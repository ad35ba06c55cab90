import { useEffect } from 'react'
import type { JSX, KeyboardEvent as ReactKeyboardEvent, PointerEvent } from 'react'
import { getPushToTalk } from '../ipc/bridge'
import { hotkeyHint, useHotkey } from '../ipc/hotkey'
import { isHandsFree } from '../audio/capture-preferences'
import { useCapture } from '../stores/capture'
import { useConnection } from '../stores/connection'
import { useSettings } from '../stores/settings'
import { LiveTalkNote } from './LiveTalkNote'
import { LevelMeter } from './LevelMeter'

/** Where Space types a character (or toggles a control) instead of talking. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (!(target instanceof HTMLInputElement)) return false
  return !['button', 'submit', 'reset'].includes(target.type)
}

/** The "Hold to talk" button, Space as its key, the input level meter and microphone messages. */
export function PushToTalk(): JSX.Element {
  const talking = useCapture((state) => state.talking)
  const problem = useCapture((state) => state.problem)
  const problemCount = useCapture((state) => state.problemCount)
  const notice = useCapture((state) => state.notice)
  const handsFree = useSettings((state) => isHandsFree(state.settings))
  const connected = useConnection((state) => state.status === 'connected')
  const hint = useHotkey((state) => hotkeyHint(state.status))

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.code !== 'Space' || isTypingTarget(event.target)) return
      // Also keeps a focused button from being clicked by the Space that means "talk".
      event.preventDefault()
      if (!event.repeat) getPushToTalk()?.press()
    }
    const onKeyUp = (event: KeyboardEvent): void => {
      if (event.code !== 'Space' || isTypingTarget(event.target)) return
      event.preventDefault()
      getPushToTalk()?.release()
    }
    // Leaving the window mid-press must not leave the microphone streaming.
    const onBlur = (): void => getPushToTalk()?.release()
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('keyup', onKeyUp)
    window.addEventListener('blur', onBlur)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('keyup', onKeyUp)
      window.removeEventListener('blur', onBlur)
    }
  }, [])

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>): void => {
    if (event.button !== 0) return
    // The press first: a barge-in's flush then leaves for the worklet before anything else.
    getPushToTalk()?.press()
    // Capture keeps the release on this button even if the pointer slides off it.
    event.currentTarget.setPointerCapture(event.pointerId)
  }
  const release = (): void => getPushToTalk()?.release()
  // The window-level handler owns Space; stop the button's own Enter/Space click semantics.
  const onKeyDownButton = (event: ReactKeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'Enter') event.preventDefault()
  }

  return (
    <div className="ptt" role="group" aria-label={handsFree ? 'Hands-free' : 'Push to talk'}>
      {/* Hands-free needs no button to hold: say whether the microphone is live instead. */}
      {handsFree ? (
        <span className="ptt__listening" role="status" aria-label="Microphone">
          {connected && talking ? 'Listening' : 'Not listening'}
        </span>
      ) : (
        <button
          type="button"
          className={`button ptt__button${talking ? ' ptt__button--talking' : ''}`}
          aria-pressed={talking}
          title="Hold to talk (Space)"
          onPointerDown={onPointerDown}
          onPointerUp={release}
          onPointerCancel={release}
          onLostPointerCapture={release}
          onKeyDown={onKeyDownButton}
          onContextMenu={(event) => event.preventDefault()}
        >
          Hold to talk
        </button>
      )}
      <LevelMeter />
      {!handsFree && hint && (
        <p className="ptt__hint muted" aria-label="Global hotkey">
          {hint}
        </p>
      )}
      <LiveTalkNote />
      {problem && (
        // A new key per report re-creates the alert, so a repeated problem is announced again.
        <p key={problemCount} className="ptt__message error" role="alert">
          {problem}
        </p>
      )}
      {!problem && notice && (
        <p className="ptt__message muted" role="status">
          {notice}
        </p>
      )}
    </div>
  )
}
