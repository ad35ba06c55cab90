// The strongest echo cancellation the platform offers, as getUserMedia constraints. Every
// browser Hark runs in supports `echoCancellation`; Chromium's canceller uses what the page plays
// on its default output as the reference, which is why playback never picks another output
// device (docs/architecture.md, "Audio path"). `voiceIsolation` (where supported) removes what
// is not the user's voice, Hark's own included.
export function strongestEchoCancellation(): MediaTrackConstraints {
  const supported = navigator.mediaDevices.getSupportedConstraints() as Record<string, boolean>
  return {
    echoCancellation: true,
    noiseSuppression: true,
    ...(supported['voiceIsolation'] ? ({ voiceIsolation: true } as MediaTrackConstraints) : {})
  }
}
