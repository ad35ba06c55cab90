// One assistant's session (issue 14): a SessionManager that reads that assistant's settings (its
// own fields over the shared ones) and its provider's key, and tags what it reports with the
// assistant's id, behind its own connect-on-demand layer (talk relay, idle disconnect).
import {
  DEFAULT_ASSISTANT_ID,
  settingsForAssistant,
  type AssistantsFile
} from '../../shared/assistants'
import type { Provider } from '../../shared/providers'
import type { Settings } from '../../shared/settings'
import type { ConversationItem } from '../../shared/realtime-events'
import type { RealtimeConfig } from '../realtime/config'
import { activeAssistantKeyReader } from '../assistants/assistant-key'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import type { RealtimeLog } from '../realtime/event-bus'
import type { AssistantUnit } from './assistant-sessions'
import type { EngineChooser } from './engine-choice'
import type { IpcEventMessage, SessionEvent } from './event-mapping'
import { HarkError } from './ipc-error'
import { createOnDemandSession } from './on-demand-session'
import { SessionManager, type ResponseGate } from './session-manager'

export interface AssistantUnitDeps {
  env: NodeJS.ProcessEnv
  log: RealtimeLog
  /** The shared settings (Settings); the assistant's own fields go over them. */
  readSettings: () => Promise<Settings>
  readAssistants: () => Promise<AssistantsFile>
  readKey: (provider: Provider) => Promise<string | null>
  createController: (config: RealtimeConfig, assistantId: string) => RealtimeControllerApi
  chooseEngine?: EngineChooser
  responseGate?: ResponseGate
  beforeUserMessage?: () => void
  onEvent: (event: SessionEvent, assistantId: string) => void
  onConversationStart: (
    assistantId: string,
    start: { settings: Settings; seed: readonly ConversationItem[] }
  ) => Promise<void>
  onAudioSent: (assistantId: string, pcm: Uint8Array) => void
  onPlayback: (assistantId: string, itemId: string, playedMs: number, final: boolean) => void
  /** To the window; the on-demand layer's session statuses are tagged on the way. */
  emit: (message: IpcEventMessage) => void
}

/** The settings a session of `assistantId` runs with; the default one is Settings itself. */
export async function settingsOfAssistant(
  assistantId: string,
  readSettings: () => Promise<Settings>,
  readAssistants: () => Promise<AssistantsFile>
): Promise<Settings> {
  const [shared, file] = await Promise.all([readSettings(), readAssistants()])
  const assistant = file.assistants.find((candidate) => candidate.id === assistantId)
  if (assistantId === DEFAULT_ASSISTANT_ID) return shared
  if (!assistant)
    throw new HarkError('invalid_input', `There is no assistant with the id “${assistantId}”.`)
  return settingsForAssistant(shared, assistant)
}

export function createAssistantUnit(assistantId: string, deps: AssistantUnitDeps): AssistantUnit {
  const readSettings = (): Promise<Settings> =>
    settingsOfAssistant(assistantId, deps.readSettings, deps.readAssistants)
  // No key for its provider: Connect names this assistant (assistant-key.ts says it for the
  // active one; this session's assistant is the one that matters here).
  const readKey = activeAssistantKeyReader(
    {
      get: async () => ({
        file: { ...(await deps.readAssistants()), activeId: assistantId },
        notice: null
      })
    },
    deps.readKey
  )
  const session: SessionManager = new SessionManager({
    env: deps.env,
    readSettings,
    readKey,
    createController: (config) => deps.createController(config, assistantId),
    ...(deps.chooseEngine ? { chooseEngine: deps.chooseEngine } : {}),
    ...(deps.responseGate ? { responseGate: deps.responseGate } : {}),
    ...(deps.beforeUserMessage ? { beforeUserMessage: deps.beforeUserMessage } : {}),
    onEvent: (event) => {
      deps.onEvent(event, assistantId)
      onDemand.onSessionEvent(event)
    },
    onConversationStart: (start) => deps.onConversationStart(assistantId, start),
    onAudioSent: (pcm) => deps.onAudioSent(assistantId, pcm),
    onPlayback: (itemId, playedMs, final) => deps.onPlayback(assistantId, itemId, playedMs, final),
    log: deps.log
  })
  const onDemand = createOnDemandSession({
    session,
    readSettings: deps.readSettings,
    emit: (message) => deps.emit(tagMessage(message, assistantId)),
    log: deps.log
  })
  return { session, onDemand }
}

/** The session events' channels, whose payloads say which assistant they come from. */
const TAGGED_CHANNELS: ReadonlySet<IpcEventMessage['channel']> = new Set([
  'session.status',
  'audio.delta',
  'audio.flush',
  'audio.done',
  'transcript.delta',
  'transcript.done',
  'speech.started',
  'speech.stopped',
  'history.updated',
  'response.started',
  'response.done',
  'tool.call',
  'item.truncated',
  'turn.metrics',
  'error'
])

/** A session event as the window gets it: with the id of the assistant it comes from. */
export function tagMessage(message: IpcEventMessage, assistantId: string): IpcEventMessage {
  if (!TAGGED_CHANNELS.has(message.channel)) return message
  return { ...message, payload: { ...message.payload, assistantId } } as IpcEventMessage
}

/** A session event of another assistant than `activeId`'s. */
export function fromOtherAssistant(message: IpcEventMessage, activeId: string): boolean {
  const payload = message.payload as { assistantId?: unknown } | undefined
  return payload?.assistantId !== undefined && payload.assistantId !== activeId
}
