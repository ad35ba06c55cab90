// The recording's own cost in main (issue 11): a ConversationRecording writing a real WAV in a
// temp folder, fed a conversation on a fake clock: 20 ms microphone chunks while the user speaks,
// then the answer's 100 ms deltas and the page's 50 ms playback reports. Timed per event handled,
// file writes included. It must stay small next to the 20 ms between capture chunks.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConversationRecording } from '../src/main/history/recording/conversation-recording'

const TURNS_PER_SAMPLE = 10
const SAMPLES = 20
const SPEECH_CHUNKS = 100 // 2 s of speech per turn
const ANSWER_DELTAS = 30 // 3 s of answer per turn

/** Microseconds per event (a chunk sent, a delta received, a playback report), per sample. */
export function measureRecordingOverhead(): { microsecondsPerEvent: number[] } {
  const folder = mkdtempSync(join(tmpdir(), 'hark-bench-recording-'))
  const clock = { ms: 0 }
  let fileNumber = 0
  const recording = new ConversationRecording({
    now: () => clock.ms,
    historyWriter: () => null,
    onProblem: (problem) => {
      if (problem) throw new Error(problem)
    },
    log: () => undefined,
    newFileName: () => `bench-${fileNumber++}.wav`
  })
  const mic = new Uint8Array(960).fill(3)
  const delta = new Uint8Array(4800).fill(5)
  const samples: number[] = []
  try {
    for (let sample = 0; sample < SAMPLES; sample++) {
      recording.begin(folder)
      let events = 0
      const startedMs = performance.now()
      for (let turn = 0; turn < TURNS_PER_SAMPLE; turn++) {
        for (let c = 0; c < SPEECH_CHUNKS; c++, events++) {
          clock.ms += 20
          recording.sent(mic)
        }
        const itemId = `item_${sample}_${turn}`
        for (let d = 0; d < ANSWER_DELTAS; d++, events++)
          recording.onEvent({ type: 'audio', responseId: 'r', itemId, pcm: delta })
        for (let playedMs = 50; playedMs <= ANSWER_DELTAS * 100; playedMs += 50, events++) {
          clock.ms += 50
          recording.played(itemId, playedMs, false)
        }
      }
      samples.push(((performance.now() - startedMs) * 1000) / events)
      // Finishing (the header's sizes, an fsync) happens once per conversation, off the hot path.
      recording.end()
    }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
  return { microsecondsPerEvent: samples }
}
