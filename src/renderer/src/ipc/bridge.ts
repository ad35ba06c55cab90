// Wires `window.hark` events to the stores and the playback engine. Called once at startup.
import type { HarkApi } from '../../../shared/ipc'
import { CaptureEngine } from '../audio/capture-engine'
import { capturePreferences, isHandsFree } from '../audio/capture-preferences'
import { describeMicrophoneError } from '../audio/microphone-errors'
import { PlaybackEngine } from '../audio/playback-engine'
import { ECHO_PROBE_ITEM_ID } from '../audio/echo/echo-check'
import { createEchoGuard } from '../audio/echo/echo-guard'
import { ensureEchoChecked } from '../stores/echo-check'
import { reportMicrophoneProblem, useCapture } from '../stores/capture'
import { useConnection } from '../stores/connection'
import { useConversation } from '../stores/conversation'
import { useTurnMetrics } from '../stores/turn-metrics'
import { useMic } from '../stores/desktop'
import { usePlayback } from '../stores/playback'
import { useSettings } from '../stores/settings'
import { isLiveEngine, LIVE_STOP_NOTE, useStopNote } from '../stores/engine'
import { codeOf, messageOf } from '../stores/errors'
import { connectHotkey } from './hotkey'
import { connectTools } from '../stores/tools'
import { connectSpend } from '../stores/spend'
import { connectAssistants } from '../stores/assistants'
import { createPushToTalk, type PushToTalk } from './push-to-talk'
import { wantsMicrophoneOpen } from '../audio/microphone-policy'

export interface Bridge {
  engine: PlaybackEngine
  capture: CaptureEngine
  pushToTalk: PushToTalk
  dispose(): void
}

export function connectBridge(hark: HarkApi): Bridge {
  // Hands-free on speakers with echo: Hark's own voice must not reach the server (echo-gate.ts).
  const echo = createEchoGuard()
  const engine = new PlaybackEngine({
    sendProgress: (progress) => {
      if (progress.itemId !== ECHO_PROBE_ITEM_ID) hark.playback.progress(progress)
    },
    onReport: (report) => usePlayback.setState({ lastReport: report }),
    onState: (state, totalPlayedFrames) => {
      echo.gate.onPlaybackState(state !== 'idle')
      usePlayback.setState({ state, totalPlayedFrames })
    },
    onProblem: (problem) => usePlayback.setState({ problem })
  })
  const capture = new CaptureEngine({
    audioContext: () => engine.audioContext(),
    sendChunk: (pcm) => {
      if (echo.gate.admits(pcm)) hark.audio.append(pcm)
    },
    onLevel: (level) => useCapture.setState({ level }),
    onNotice: (notice) => useCapture.setState({ notice }),
    onProblem: reportMicrophoneProblem,
    preferences: () => capturePreferences(useSettings.getState().settings)
  })
  // Hands-free: chunks flow whenever the microphone is open and connected; the server's VAD
  // finds the turns, and its speech_started interrupts a reply (main flushes us via audio.flush).
  const followMode = (): void => {
    if (!capture.isOpen || useConnection.getState().status !== 'connected') return
    // A held press streams on its own terms (it may have connected the session itself).
    if (pushToTalk.held) return
    const handsFree = isHandsFree(useSettings.getState().settings)
    if (handsFree) capture.talk()
    else capture.stopTalking()
    useCapture.setState({ talking: handsFree })
  }
  const wantsOpen = (): boolean =>
    wantsMicrophoneOpen({
      connected: useConnection.getState().status === 'connected',
      muted: useMic.getState().muted,
      held: pushToTalk.held,
      settings: useSettings.getState().settings
    })
  // The microphone policy (audio/microphone-policy.ts): in push-to-talk the press opens it and the
  // release closes it, unless "Keep the microphone ready"; hands-free keeps it open while
  // connected (a missing permission shows up at Connect, not mid-sentence).
  const syncMicrophone = (): void => {
    if (!wantsOpen()) {
      if (capture.isOpen && !pushToTalk.held) closeMicrophone()
      return
    }
    followMode()
    openMicrophone()
  }
  const openMicrophone = (): void => {
    if (capture.isOpen || !wantsOpen()) return
    capture.open().then(
      () => {
        useCapture.setState({ problem: null })
        followMode()
      },
      (error: unknown) => {
        // A disconnect while the microphone was opening is no problem to report.
        if (useConnection.getState().status === 'connected')
          reportMicrophoneProblem(describeMicrophoneError(error))
      }
    )
  }
  const closeMicrophone = (): void => {
    capture.close()
    useCapture.setState({ level: 0, talking: false })
  }
  const pushToTalk = createPushToTalk(hark, capture, engine, () => syncMicrophone())
  const connection = useConnection.getState()
  const conversation = useConversation.getState()
  const unsubscribers = [
    hark.on('session.status', (payload) => connection.statusChanged(payload)),
    hark.on('error', ({ code, message }) => connection.errorReported(code, message)),
    hark.on('audio.delta', ({ itemId, pcm }) => {
      echo.gate.onPlayback(pcm)
      engine.enqueue(itemId, pcm)
    }),
    hark.on('audio.done', ({ itemId }) => engine.markDone(itemId)),
    hark.on('audio.flush', (payload) => {
      void engine.flush(payload.itemId ?? undefined)
      conversation.audioFlushed(payload)
    }),
    hark.on('transcript.delta', (payload) => conversation.transcriptDelta(payload)),
    hark.on('transcript.done', (payload) => conversation.transcriptDone(payload)),
    hark.on('history.updated', (payload) => conversation.historyUpdated(payload)),
    hark.on('item.truncated', (payload) => conversation.itemTruncated(payload)),
    hark.on('turn.metrics', (payload) => useTurnMetrics.getState().received(payload)),
    useConnection.subscribe((state, previous) => {
      if (state.status === previous.status) return
      // The first hands-free session checks for echo first (the probe must not reach the server).
      if (state.status === 'connected' && isHandsFree(useSettings.getState().settings))
        void ensureEchoChecked().then(syncMicrophone)
      else if (state.status === 'connected' || state.status === 'disconnected') syncMicrophone()
    }),
    // Muted (tray or window): main drops audio anyway; closing the microphone also turns the
    // system's microphone indicator off, which is what a user who muted expects to see.
    useMic.subscribe((state, previous) => {
      if (state.muted === previous.muted) return
      if (state.muted) closeMicrophone()
      else syncMicrophone()
    }),
    useSettings.subscribe((state, previous) => {
      const now = state.settings
      const before = previous.settings
      if (!now || !before) return
      if (
        now.turnDetection !== before.turnDetection ||
        now.keepMicrophoneReady !== before.keepMicrophoneReady
      )
        syncMicrophone()
      if (
        now.inputDeviceLabel !== before.inputDeviceLabel ||
        now.autoGainControl !== before.autoGainControl
      )
        void capture.reopen()
    })
  ]
  return {
    engine,
    capture,
    pushToTalk,
    dispose: () => {
      echo.dispose()
      for (const unsubscribe of unsubscribers) unsubscribe()
      capture.close()
      void engine.close()
    }
  }
}

let bridge: Bridge | null = null

export function startBridge(hark: HarkApi): Bridge {
  if (!bridge) {
    bridge = connectBridge(hark)
    // For the app's lifetime, like the bridge itself.
    connectHotkey(hark, bridge.pushToTalk)
    connectTools(hark)
    connectSpend(hark)
    connectAssistants(hark)
  }
  return bridge
}

export function getEngine(): PlaybackEngine | null {
  return bridge?.engine ?? null
}

export function getPushToTalk(): PushToTalk | null {
  return bridge?.pushToTalk ?? null
}

/**
 * "Stop speaking": silence local playback at once, report the exact played position to main,
 * then ask main to cancel and truncate the response at that position.
 */
export async function stopSpeaking(hark: HarkApi): Promise<void> {
  const engine = getEngine()
  if (engine) await engine.flush()
  // GPT-Live has no cancel or truncate (reference §2): say so rather than pretend.
  if (isLiveEngine(useSettings.getState().settings)) useStopNote.setState({ note: LIVE_STOP_NOTE })
  try {
    await hark.session.interrupt()
  } catch (error) {
    useConnection.getState().errorReported(codeOf(error), messageOf(error))
  }
}
