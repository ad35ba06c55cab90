// Push-to-talk in the window (docs/architecture.md, "Audio path"): press → barge in if the assistant is speaking (flush
// playback and report the exact frames, as "Stop speaking" does), `ptt.down` (main connects if
// need be and holds the audio until the session is up), open the microphone if it is closed,
// stream chunks; release → `ptt.up` at once (main commits and asks for the answer); the under-20 ms
// partial chunk is dropped rather than waited for (docs/architecture.md, "Budgets": key up →
// commit ≤ 5 ms). A key-up main saw itself (the global hotkey) flushes instead: main is already
// waiting, and commits on the ptt.up that follows the last chunk (src/main/app/talk-relay.ts).
import type { HarkApi } from '../../../shared/ipc'
import type { CaptureEngine } from '../audio/capture-engine'
import { describeMicrophoneError } from '../audio/microphone-errors'
import type { PlaybackEngine } from '../audio/playback-engine'
import { reportMicrophoneProblem, useCapture } from '../stores/capture'
import { useConnection } from '../stores/connection'
import { useMic } from '../stores/desktop'
import { codeOf, messageOf } from '../stores/errors'
import { usePlayback } from '../stores/playback'
import { useSettings } from '../stores/settings'
import { isHandsFree } from '../audio/capture-preferences'

/**
 * How long after ptt.up the microphone is closed (when the policy closes it). Stopping the
 * tracks makes Chromium's audio service tear the capture stream down, and on a two-core machine
 * that work ran at the very moment ptt.up travelled to main and the commit went out: key up →
 * response.create (budget 5 ms, docs/architecture.md "Budgets") spent 4.8–9.9 ms (p50, median 7.1)
 * in the hop from the page to main, and 2.1–8.7 ms (median 5.0) with the close moved here (eight
 * alternating bench runs under load, README "Speed"). Capture stopped at the release, so nothing is sent meanwhile; only the system's
 * microphone indicator stays on this much longer, and a press within it finds the microphone open.
 */
export const MICROPHONE_CLOSE_DELAY_MS = 300

export interface PushToTalk {
  press(): void
  /** `flush`: main saw the key-up and waits for every captured sample (the global hotkey). */
  release(options?: { flush?: boolean }): void
  /** Release without a turn (the global hotkey's too-short press): main clears, no commit. */
  cancel(): void
  /** Whether a press is held (the microphone policy keeps the microphone open meanwhile). */
  readonly held: boolean
}

export function createPushToTalk(
  hark: HarkApi,
  capture: CaptureEngine,
  playback: PlaybackEngine,
  /** After a turn: close the microphone unless the policy keeps it ready. */
  afterTurn: () => void = () => undefined
): PushToTalk {
  let held = false
  const interrupt = (): Promise<void> =>
    hark.session.interrupt().catch((error: unknown) => {
      useConnection.getState().errorReported(codeOf(error), messageOf(error))
    })
  /** ptt.down went out: the release owes main a ptt.up (or a ptt.cancel). */
  let turnOpen = false
  // Presses and releases run in order, so a quick tap cannot send ptt.up before ptt.down.
  let queue = Promise.resolve()
  const enqueue = (step: () => Promise<void> | void): void => {
    queue = queue.then(step).catch((error: unknown) => {
      reportMicrophoneProblem(describeMicrophoneError(error))
    })
  }

  const finish = (end: () => void, flush: boolean): void => {
    if (!held) return
    held = false
    enqueue(async () => {
      if (!turnOpen) {
        afterTurn()
        return
      }
      turnOpen = false
      // Stop first: a chunk still on its way from the worklet is then dropped, not sent after
      // the commit; a flush sends it and the partial chunk before the marker instead.
      if (flush) await capture.finishTalking()
      else capture.stopTalking()
      end()
      useCapture.setState({ talking: false })
      setTimeout(afterTurn, MICROPHONE_CLOSE_DELAY_MS)
    })
  }

  return {
    get held() {
      return held
    },

    press() {
      // Hands-free streams all the time and the server ends turns; a manual commit would cut them.
      if (held || isHandsFree(useSettings.getState().settings)) return
      held = true
      // Muted means the microphone stays closed, not merely that main drops the audio.
      const bargeIn = !useMic.getState().muted && usePlayback.getState().state !== 'idle'
      // Barge in before anything else: the flush is the one message between the press and
      // silence (interrupt → silence, docs/architecture.md "Budgets"), so it goes to the worklet
      // now rather than behind the steps still queued (a previous press opening the microphone).
      const flushed = bargeIn ? playback.flush() : null
      enqueue(async () => {
        if (useMic.getState().muted || !held) {
          // Released (or muted) before its turn came (only behind a queued step): what it
          // silenced is stopped for good, as "Stop speaking" does, not left running unheard.
          if (flushed) await flushed.then(interrupt)
          return
        }
        // Its final played position reaches main before ptt.down, which truncates there.
        if (flushed) await flushed
        // Before the microphone opens: main starts connecting (if need be) meanwhile.
        hark.ptt.down()
        turnOpen = true
        try {
          await capture.open()
          useCapture.setState({ problem: null })
        } catch (error) {
          // Pressing again retries, so a fixed permission works without restarting Hark.
          turnOpen = false
          hark.ptt.cancel()
          reportMicrophoneProblem(describeMicrophoneError(error))
          return
        }
        if (!held) return
        capture.talk()
        useCapture.setState({ talking: true, notice: null })
      })
    },

    release(options) {
      finish(() => hark.ptt.up(), options?.flush ?? false)
    },

    cancel() {
      // The page drops chunks once stopped, so the clear leaves nothing of this press behind.
      finish(() => hark.ptt.cancel(), false)
    }
  }
}
