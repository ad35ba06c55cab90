import { useEffect } from 'react'
import type { JSX } from 'react'
import { hark } from '../ipc/hark'
import { connectScreen, lookAtScreen, removeScreenLook, useScreen } from '../stores/screen'

/**
 * "Look at my screen" and, once captured, its thumbnail above the message box: it goes with the
 * next message, typed or spoken, and not before; Remove drops it unsent.
 */
export function ScreenLookBar(): JSX.Element {
  const { pending, capturing, problem } = useScreen()
  useEffect(() => connectScreen(hark()), [])
  return (
    <div className="screen-look" role="group" aria-label="Screen look">
      <button
        type="button"
        className="button"
        disabled={capturing}
        onClick={() => void lookAtScreen(hark())}
        title="Capture the screen; it is sent with your next message"
      >
        {capturing ? 'Looking…' : 'Look at my screen'}
      </button>
      {pending && (
        <figure className="screen-look__attachment">
          {pending.thumbnailUrl !== null && (
            <img
              className="screen-look__thumbnail"
              src={pending.thumbnailUrl}
              alt="Your screen, to be sent with your next message"
            />
          )}
          <figcaption>
            Screen {pending.width} × {pending.height}: sent with your next message
          </figcaption>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => void removeScreenLook(hark())}
          >
            Remove
          </button>
        </figure>
      )}
      {problem !== null && (
        <p className="screen-look__problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}
