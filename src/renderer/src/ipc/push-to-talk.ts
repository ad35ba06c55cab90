// Push-to-talk in the window (docs/architecture.md, "Audio path"): press → barge in if the assistant is speaking (flush
// playback and report the exact frames, as "Stop speaking" does), `ptt.down`, stream chunks;
// release → `ptt.up` at once (main commits and asks for the answer); the under-20 ms partial
// chunk is dropped rather than waited for (docs/architecture.md, "Budgets": key up → commit ≤ 5 ms).
import type { HarkApi } from '../../../shared/ipc'
import type { CaptureEngine } from '../audio/capture-engine'
import { describeMicrophoneError } from '../audio/microphone-errors'
import type { PlaybackEngine } from '../audio/playback-engine'
import { reportMicrophoneProblem, useCapture } from '../stores/capture'
import { useConnection } from '../stores/connection'
import { useMic } from '../stores/desktop'
import { usePlayback } from '../stores/playback'
import { useSettings } from '../stores/settings'
import { isHandsFree } from '../audio/capture-preferences'

export interface PushToTalk {
  press(): void
  release(): void
  /** Release without a turn (the global hotkey's too-short press): main clears, no commit. */
  cancel(): void
}

export function createPushToTalk(
  hark: HarkApi,
  capture: CaptureEngine,
  playback: PlaybackEngine
): PushToTalk {
  let held = false
  /** ptt.down went out and chunks flow: the release owes main a ptt.up. */
  let turnOpen = false
  // Presses and releases run in order, so a quick tap cannot send ptt.up before ptt.down.
  let queue = Promise.resolve()
  const enqueue = (step: () => Promise<void> | void): void => {
    queue = queue.then(step).catch((error: unknown) => {
      reportMicrophoneProblem(describeMicrophoneError(error))
    })
  }

  const finish = (end: () => void): void => {
    if (!held) return
    held = false
    enqueue(() => {
      if (!turnOpen) return
      turnOpen = false
      // Stop first: a chunk still on its way from the worklet is then dropped, not sent after
      // the commit.
      capture.stopTalking()
      end()
      useCapture.setState({ talking: false })
    })
  }

  return {
    press() {
      // Hands-free streams all the time and the server ends turns; a manual commit would cut them.
      if (held || isHandsFree(useSettings.getState().settings)) return
      held = true
      enqueue(async () => {
        if (useConnection.getState().status !== 'connected') {
          useCapture.setState({ notice: 'Connect first, then hold to talk.' })
          return
        }
        // Muted means the microphone stays closed, not merely that main drops the audio.
        if (useMic.getState().muted) return
        try {
          await capture.open()
          useCapture.setState({ problem: null })
        } catch (error) {
          // Pressing again retries, so a fixed permission works without restarting Hark.
          reportMicrophoneProblem(describeMicrophoneError(error))
          return
        }
        if (!held) return
        if (usePlayback.getState().state !== 'idle') await playback.flush()
        hark.ptt.down()
        capture.talk()
        turnOpen = true
        useCapture.setState({ talking: true, notice: null })
      })
    },

    release() {
      finish(() => hark.ptt.up())
    },

    cancel() {
      // The page drops chunks once stopped, so the clear leaves nothing of this press behind.
      finish(() => hark.ptt.cancel())
    }
  }
}
