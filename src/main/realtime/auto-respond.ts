// Hands-free while the monthly budget is spent: the server VAD keeps finding the end of each
// turn and commits it, but must not start the response itself (`turn_detection.create_response:
// false`, openai 7.59 `RealtimeAudioInputTurnDetection`); Hark asks the user, then sends
// `response.create`. A partial `session.update` changes only the fields it names (reference §2),
// so this does not touch the instructions, voice or tools; the turn detection object is sent
// whole, as Hark configured it (session-config.ts, turnDetectionFor).
import type { RealtimeClientEvent } from 'openai/resources/realtime/realtime'
import type { RealtimeConfig } from './config'

type SessionUpdate = Extract<RealtimeClientEvent, { type: 'session.update' }>

/** The `session.update` that turns the VAD's own responses on or off; null for push-to-talk. */
export function autoRespondUpdate(
  config: Pick<RealtimeConfig, 'turnDetection' | 'vadEagerness'>,
  on: boolean
): SessionUpdate | null {
  const common = { interrupt_response: true, create_response: on }
  switch (config.turnDetection) {
    case 'none':
      return null
    case 'semantic_vad':
      return sessionUpdate({ type: 'semantic_vad', eagerness: config.vadEagerness, ...common })
    case 'server_vad':
      return sessionUpdate({ type: 'server_vad', ...common })
  }
}

type TurnDetection = NonNullable<
  NonNullable<NonNullable<SessionUpdate['session']['audio']>['input']>['turn_detection']
>

const sessionUpdate = (turnDetection: TurnDetection): SessionUpdate => ({
  type: 'session.update',
  session: { type: 'realtime', audio: { input: { turn_detection: turnDetection } } }
})
