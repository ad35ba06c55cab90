// The overlay page's one component: a pill with the phase, the meter or the caption, and a
// waiting approval's buttons (answered through the same main broker as the window's
// ApprovalCard). The page never takes focus (its Electron window cannot); over its buttons it
// asks main to take clicks, elsewhere clicks go through to the app below.
import { useEffect, useReducer, useState, type JSX } from 'react'
import type { HarkApi } from '../../../shared/ipc'
import {
  initialOverlayState,
  OVERLAY_EVENTS,
  overlayPhase,
  reduceOverlayState,
  type OverlayEvent,
  type OverlayPhase
} from './overlay-model'

const WORDS: Record<OverlayPhase, string> = {
  idle: 'Hark',
  listening: 'Listening…',
  thinking: 'Thinking…',
  speaking: 'Speaking'
}

type Tick = { event: OverlayEvent; atMs: number }

export function Overlay({ hark }: { hark: HarkApi }): JSX.Element {
  const [state, dispatch] = useReducer(
    (current: typeof initialOverlayState, tick: Tick) =>
      reduceOverlayState(current, tick.event, tick.atMs),
    initialOverlayState
  )
  const [nowMs, setNowMs] = useState(() => performance.now())

  useEffect(() => {
    const unsubscribers = OVERLAY_EVENTS.map((channel) =>
      hark.on(channel, (payload: unknown) => {
        dispatch({ event: { channel, payload } as OverlayEvent, atMs: performance.now() })
        setNowMs(performance.now())
      })
    )
    return () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
    }
  }, [hark])

  // Re-render when the received audio has played, so speaking turns idle on time.
  useEffect(() => {
    if (state.speakingUntilMs === null) return
    const timer = setTimeout(
      () => setNowMs(performance.now()),
      Math.max(0, state.speakingUntilMs - performance.now()) + 20
    )
    return () => clearTimeout(timer)
  }, [state.speakingUntilMs])

  const phase = overlayPhase(state, nowMs)
  const request = state.approvals[0]
  const pointer = (overButtons: boolean) => (): void => hark.overlay.pointer({ overButtons })
  const answer = (always: boolean | null) => (): void => {
    if (!request) return
    pointer(false)()
    const done =
      always === null
        ? hark.tools.deny({ id: request.id })
        : hark.tools.approve({ id: request.id, always })
    void done.catch(() => undefined)
  }
  const shown = request ? 'approval' : phase

  return (
    <main className={`overlay overlay--${shown}`} data-phase={shown} aria-live="polite">
      {request ? (
        <section
          role="alertdialog"
          aria-label={`Allow ${request.toolName}?`}
          className="overlay__approval"
        >
          <p className="overlay__title">Allow {request.toolName}?</p>
          <p className="overlay__args">{request.argumentsText}</p>
          <div
            className="overlay__buttons"
            onMouseEnter={pointer(true)}
            onMouseLeave={pointer(false)}
          >
            <button type="button" className="button button--primary" onClick={answer(false)}>
              Allow once
            </button>
            {request.canAlwaysAllow && (
              <button type="button" className="button" onClick={answer(true)}>
                Always allow
              </button>
            )}
            <button type="button" className="button button--danger" onClick={answer(null)}>
              Deny
            </button>
          </div>
        </section>
      ) : (
        <>
          <p className="overlay__title" role="status">
            {WORDS[phase]}
          </p>
          {phase === 'listening' && (
            <meter
              className="overlay__meter"
              aria-label="Input level"
              min={0}
              max={1}
              value={Math.min(1, state.level * 4)}
            />
          )}
          {state.caption !== '' && phase !== 'idle' && (
            <p className="overlay__caption">{state.caption}</p>
          )}
        </>
      )}
    </main>
  )
}
