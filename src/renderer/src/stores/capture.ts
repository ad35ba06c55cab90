import { create } from 'zustand'

interface CaptureStoreState {
  /** Latest input level (RMS, 0..1) while the microphone is open. */
  level: number
  /** Whether the user is holding push-to-talk and chunks are flowing. */
  talking: boolean
  /** Why the microphone cannot be used, with how to fix it; shown next to the button. */
  problem: string | null
  /** Counts problem reports, so a repeated one is shown (and announced) afresh. */
  problemCount: number
  /** Something the user should know that is not a failure (e.g. a device switch). */
  notice: string | null
}

export const useCapture = create<CaptureStoreState>()(() => ({
  level: 0,
  talking: false,
  problem: null,
  problemCount: 0,
  notice: null
}))

export function reportMicrophoneProblem(problem: string): void {
  useCapture.setState((state) => ({
    problem,
    problemCount: state.problemCount + 1,
    talking: false
  }))
}
