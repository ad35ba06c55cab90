// Wires `window.hark` events to the stores and the playback engine. Called once at startup.
import type { HarkApi } from '../../../shared/ipc'
import { PlaybackEngine } from '../audio/playback-engine'
import { useConnection } from '../stores/connection'
import { useConversation } from '../stores/conversation'
import { usePlayback } from '../stores/playback'
import { codeOf, messageOf } from '../stores/errors'

export interface Bridge {
  engine: PlaybackEngine
  dispose(): void
}

export function connectBridge(hark: HarkApi): Bridge {
  const engine = new PlaybackEngine({
    sendProgress: (progress) => hark.playback.progress(progress),
    onReport: (report) => usePlayback.setState({ lastReport: report }),
    onState: (state, totalPlayedFrames) => usePlayback.setState({ state, totalPlayedFrames }),
    onProblem: (problem) => usePlayback.setState({ problem })
  })
  const connection = useConnection.getState()
  const conversation = useConversation.getState()
  const unsubscribers = [
    hark.on('session.status', (payload) => connection.statusChanged(payload)),
    hark.on('error', ({ code, message }) => connection.errorReported(code, message)),
    hark.on('audio.delta', ({ itemId, pcm }) => engine.enqueue(itemId, pcm)),
    hark.on('audio.done', ({ itemId }) => engine.markDone(itemId)),
    hark.on('audio.flush', (payload) => {
      void engine.flush(payload.itemId ?? undefined)
      conversation.audioFlushed(payload)
    }),
    hark.on('transcript.delta', (payload) => conversation.transcriptDelta(payload)),
    hark.on('transcript.done', (payload) => conversation.transcriptDone(payload)),
    hark.on('history.updated', (payload) => conversation.historyUpdated(payload)),
    hark.on('item.truncated', (payload) => conversation.itemTruncated(payload))
  ]
  return {
    engine,
    dispose: () => {
      for (const unsubscribe of unsubscribers) unsubscribe()
      void engine.close()
    }
  }
}

let bridge: Bridge | null = null

export function startBridge(hark: HarkApi): Bridge {
  bridge ??= connectBridge(hark)
  return bridge
}

export function getEngine(): PlaybackEngine | null {
  return bridge?.engine ?? null
}

/**
 * "Stop speaking": silence local playback at once, report the exact played position to main,
 * then ask main to cancel and truncate the response at that position.
 */
export async function stopSpeaking(hark: HarkApi): Promise<void> {
  const engine = getEngine()
  if (engine) await engine.flush()
  try {
    await hark.session.interrupt()
  } catch (error) {
    useConnection.getState().errorReported(codeOf(error), messageOf(error))
  }
}
