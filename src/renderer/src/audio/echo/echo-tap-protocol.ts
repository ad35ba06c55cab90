// Shared by the echo tap worklet and the page (importing the worklet itself would register it).
export const ECHO_TAP_PROCESSOR_NAME = 'hark-echo-tap'

/** What the tap posts once its recording is full: same length, same start instant. */
export interface EchoTapRecording {
  played: Float32Array
  mic: Float32Array
}
