// What the overlay page shows, from the same main events the window gets (src/shared/ipc.ts):
// listening (with the input level), thinking, speaking (with the live caption), a waiting tool
// approval, or idle. Pure: the page feeds it events with the time; tests feed it by hand.
//
// "Speaking" is estimated from the audio received: the window plays it in real time from the
// first delta (docs/architecture.md, "Audio path"), so it ends when that much audio has played,
// or at once when main flushes the playback (barge-in, Stop speaking).
import type { EventChannel, EventPayload } from '../../../shared/ipc'
import { pcmBytesToMs } from '../../../shared/pcm'
import type { ApprovalRequestInfo } from '../../../shared/tools-ipc'

export type OverlayPhase = 'idle' | 'listening' | 'thinking' | 'speaking'

export interface OverlayState {
  /** The phase before speaking is timed out; see overlayPhase(). */
  readonly phase: OverlayPhase
  /** The microphone level (RMS, 0…1). */
  readonly level: number
  /** The caption of the current turn: the user's words while listening, Hark's while speaking. */
  readonly caption: string
  readonly captionItemId: string | null
  /** When the received answer audio will have played (ms, the page's clock); null if none. */
  readonly speakingUntilMs: number | null
  readonly approvals: readonly ApprovalRequestInfo[]
}

export const initialOverlayState: OverlayState = {
  phase: 'idle',
  level: 0,
  caption: '',
  captionItemId: null,
  speakingUntilMs: null,
  approvals: []
}

export type OverlayEvent = {
  [C in EventChannel]: { channel: C; payload: EventPayload<C> }
}[EventChannel]

/** The channels the overlay listens to. */
export const OVERLAY_EVENTS = [
  'hotkey.talkStart',
  'hotkey.talkEnd',
  'hotkey.talkCancel',
  'speech.started',
  'speech.stopped',
  'capture.level',
  'response.started',
  'response.done',
  'audio.delta',
  'audio.flush',
  'transcript.delta',
  'transcript.done',
  'tools.approvalRequested',
  'tools.approvalEnded',
  'session.status',
  'error'
] as const satisfies readonly EventChannel[]

const listening = (state: OverlayState): OverlayState => ({
  ...state,
  phase: 'listening',
  caption: '',
  captionItemId: null,
  speakingUntilMs: null
})

function caption(state: OverlayState, itemId: string, text: string, append: boolean): OverlayState {
  const same = state.captionItemId === itemId
  return { ...state, captionItemId: itemId, caption: append && same ? state.caption + text : text }
}

export function reduceOverlayState(
  state: OverlayState,
  event: OverlayEvent,
  nowMs: number
): OverlayState {
  switch (event.channel) {
    case 'hotkey.talkStart':
    case 'speech.started':
      return listening(state)
    case 'hotkey.talkEnd':
    case 'speech.stopped':
      return state.phase === 'listening' ? { ...state, phase: 'thinking', level: 0 } : state
    case 'hotkey.talkCancel':
      return { ...state, phase: 'idle', level: 0 }
    case 'capture.level':
      return { ...state, level: event.payload.rms }
    case 'response.started':
      return state.phase === 'idle' ? { ...state, phase: 'thinking' } : state
    case 'audio.delta': {
      const from = Math.max(state.speakingUntilMs ?? nowMs, nowMs)
      return {
        ...state,
        phase: 'speaking',
        speakingUntilMs: from + pcmBytesToMs(event.payload.pcm.byteLength)
      }
    }
    case 'audio.flush':
      return { ...state, phase: 'idle', speakingUntilMs: null }
    case 'response.done':
      // A reply without audio (a tool call, text) ends the turn; audio ends by its own clock.
      return state.phase === 'thinking' ? { ...state, phase: 'idle' } : state
    case 'transcript.delta':
    case 'transcript.done': {
      const { role, itemId } = event.payload
      // The user's words while they talk or wait; Hark's once it answers.
      const wanted =
        role === 'user' ? state.phase === 'listening' || state.phase === 'thinking' : true
      if (!wanted) return state
      return event.channel === 'transcript.delta'
        ? caption(state, itemId, event.payload.delta, true)
        : caption(state, itemId, event.payload.text, false)
    }
    case 'tools.approvalRequested':
      return { ...state, approvals: [...state.approvals, event.payload] }
    case 'tools.approvalEnded':
      return { ...state, approvals: state.approvals.filter((a) => a.id !== event.payload.id) }
    case 'session.status':
      return event.payload.status === 'disconnected' ? { ...initialOverlayState } : state
    case 'error':
      return { ...state, phase: 'idle', speakingUntilMs: null, level: 0 }
    default:
      return state
  }
}

/** The phase at `nowMs`: speaking turns idle once the received audio has played. */
export function overlayPhase(state: OverlayState, nowMs: number): OverlayPhase {
  if (
    state.phase === 'speaking' &&
    state.speakingUntilMs !== null &&
    nowMs >= state.speakingUntilMs
  )
    return 'idle'
  return state.phase
}
