// `--engine live`: the CLI's turn on GPT-Live. The question goes out as microphone audio would,
// followed by a second of silence: GPT-Live, not the client, decides when the user has finished
// (no commit, reference §2), and its turn detection has to hear the pause. Then the engine mutes
// (commitUserTurn), and the reply ends when the line goes quiet (there is no "done" event).
import { LiveEngine } from '../engines/live/live-engine'
import { resolveLiveConfig } from '../engines/live/live-config'
import type { RealtimeLog } from '../realtime/event-bus'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import { PCM_SAMPLE_RATE } from '../../shared/pcm'
import type { CliOptions } from './args'
import type { TurnRequest } from './run-turn'

export const LIVE_TRAILING_SILENCE_MS = 1000

export function withTrailingSilence(request: TurnRequest): TurnRequest {
  if (request.kind !== 'audio') return request
  const silence = (PCM_SAMPLE_RATE * LIVE_TRAILING_SILENCE_MS) / 1000
  const pcm = new Int16Array(request.pcm.length + silence)
  pcm.set(request.pcm)
  return { kind: 'audio', pcm }
}

export function createLiveController(
  options: CliOptions,
  apiKey: string,
  log?: RealtimeLog
): RealtimeControllerApi {
  const config = resolveLiveConfig(
    {
      url: options.url,
      model: options.model,
      voice: options.voice,
      instructions: options.instructions
    },
    { OPENAI_API_KEY: apiKey }
  )
  return new LiveEngine(config, log ? { log } : {})
}
