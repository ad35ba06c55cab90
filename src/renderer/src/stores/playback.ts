import { create } from 'zustand'
import type { PlaybackState, PlayedFrames } from '../audio/playback-protocol'

interface PlaybackStoreState {
  state: PlaybackState
  /** Frames the worklet has played since the app started (a diagnostic the UI can show). */
  totalPlayedFrames: number
  /** The latest exact report per item, as sent to main with `playback.progress`. */
  lastReport: PlayedFrames | null
  /** Why audio cannot play (AudioContext or worklet failure), for the UI. */
  problem: string | null
}

export const usePlayback = create<PlaybackStoreState>()(() => ({
  state: 'idle',
  totalPlayedFrames: 0,
  lastReport: null,
  problem: null
}))
