// Hark's settings as the SDK's GA session config (reference §2, `config` "GA shape"). The SDK
// converts the camelCase keys to the snake_case `session.update` payload.
import { RealtimeAgent, RealtimeSession } from '@openai/agents-realtime'
import type { FunctionTool, RealtimeSessionConfig } from '@openai/agents-realtime'
import { isReasoningModel } from '../../shared/models'
import type { RealtimeConfig } from './config'
import type { PlaybackAwareTransport } from './playback-aware-transport'

/**
 * A local function tool made with the SDK's `tool()`. The SDK's own alias for "any function tool"
 * is `FunctionTool<any, any, any>`: the plain `FunctionTool` accepts only parameterless tools.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each tool has its own parameter and result types
export type RealtimeTool = FunctionTool<any, any, any>

type TurnDetection = NonNullable<
  NonNullable<
    NonNullable<Extract<RealtimeSessionConfig, { audio?: unknown }>['audio']>['input']
  >['turnDetection']
>

/**
 * Push-to-talk is no turn detection at all: `null` is sent as an explicit disable (#820) and the
 * core commits and requests the response itself (reference §2, `sendAudio`). Hands-free lets the
 * server's VAD cancel the response on barge-in (`interruptResponse`), so the SDK's interrupt
 * sends no extra response.cancel (reference §5 step 2).
 */
export function turnDetectionFor(
  config: Pick<RealtimeConfig, 'turnDetection' | 'vadEagerness' | 'autoRespond'>
): TurnDetection | null {
  // Over the monthly budget the VAD only ends turns; Hark asks before the response (auto-respond.ts).
  const held = config.autoRespond === false ? { createResponse: false } : {}
  switch (config.turnDetection) {
    case 'none':
      return null
    case 'semantic_vad':
      return {
        type: 'semantic_vad',
        eagerness: config.vadEagerness,
        interruptResponse: true,
        ...held
      }
    case 'server_vad':
      return { type: 'server_vad', interruptResponse: true, ...held }
  }
}

export function buildSessionConfig(config: RealtimeConfig): Partial<RealtimeSessionConfig> {
  return {
    audio: {
      input: {
        turnDetection: turnDetectionFor(config),
        // The SDK's default is on (with a deprecated model); `null` disables it (reference §2,
        // `transcription`), so the model is always named.
        transcription: config.inputTranscription ? { model: config.transcriptionModel } : null
      },
      output: { voice: config.voice }
    },
    // GA `session.reasoning` (openai 7.59 `RealtimeReasoning`), for the 2.x family only.
    ...(isReasoningModel(config.model) ? { reasoning: { effort: config.reasoningEffort } } : {})
  }
}

/** The agent ('Hark'); tools are omitted when there are none. */
export function createAgent(
  config: Pick<RealtimeConfig, 'instructions'>,
  tools: RealtimeTool[]
): RealtimeAgent {
  return new RealtimeAgent({
    name: 'Hark',
    instructions: config.instructions,
    ...(tools.length > 0 ? { tools } : {})
  })
}

/** The agent ('Hark') and the session on Hark's transport; tools are omitted when there are none. */
export function createRealtimeSession(
  config: RealtimeConfig,
  transport: PlaybackAwareTransport,
  tools: RealtimeTool[]
): RealtimeSession {
  return new RealtimeSession(createAgent(config, tools), {
    transport,
    model: config.model,
    config: buildSessionConfig(config),
    // The SDK sends `tracing: "auto"` unless told otherwise, and the service then keeps traces
    // of every conversation; Hark sends `tracing: null` unless the user turned the setting on.
    tracingDisabled: !config.tracing
  })
}
