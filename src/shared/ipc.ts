// The IPC contract: every channel between renderer and main, declared once
// (docs/architecture.md, "The IPC contract").
// Preload builds `window.hark` from it, main registers and validates handlers from it, and the
// browser host speaks the same contract over a local WebSocket. `HarkApi` is inferred from it.
import { z } from 'zod'
import type { IpcReply } from './ipc-errors'
import { measuredBytesUpTo, schemaByteCap, tooLargeSentence, type ByteCapMeta } from './ipc-limits'
import { errorCodes } from './realtime-events'
import { isPcmChunk, MAX_APPEND_BYTES } from './pcm'
import { settingsPatchSchema, settingsSchema } from './settings'
import { PROVIDERS } from './providers'
import { updateStatusSchema } from './updates'
import { ASSISTANTS_MAX_BYTES, assistantSchema, assistantsFileSchema } from './assistants'
import {
  conversationSchema,
  exportReplySchema,
  historyListSchema,
  historyRequests,
  historyStatusSchema,
  searchReplySchema
} from './history-ipc'
import type { TurnMetrics } from './turn-metrics'
import { spendStatusSchema } from './spend-ipc'
import {
  approvalAnswerReplySchema,
  approvalEndedSchema,
  approvalRequestSchema,
  claudeServersReplySchema,
  toolActivitySchema,
  toolRequests,
  toolsOverviewSchema
} from './tools-ipc'
import {
  captureRequestSchema,
  screenAttachmentSchema,
  screenImageInfoSchema,
  screenRequests
} from './screen-ipc'

const invoke = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res
): { kind: 'invoke'; request: Req; response: Res } => ({ kind: 'invoke', request, response })
const send = <P extends z.ZodType>(payload: P): { kind: 'send'; payload: P } => ({
  kind: 'send',
  payload
})
const event = <P extends z.ZodType>(payload: P): { kind: 'event'; payload: P } => ({
  kind: 'event',
  payload
})

const none = z.undefined()
const role = z.enum(['user', 'assistant'])
const itemId = z.string().min(1).max(200)
const errorCode = z.enum(errorCodes)
/** Binary audio: a Uint8Array of PCM16 24 kHz mono, never base64 text. */
const pcmBytes = z
  .instanceof(Uint8Array)
  .refine(
    (bytes) => bytes.byteLength > 0 && bytes.byteLength % 2 === 0,
    'PCM16 needs an even, non-zero byte count'
  )
  .refine(
    (bytes) => bytes.byteLength <= MAX_APPEND_BYTES,
    `An audio chunk may hold at most ${MAX_APPEND_BYTES} bytes`
  )
  .meta({ maxBytes: MAX_APPEND_BYTES } satisfies ByteCapMeta)

/**
 * An API key is printable ASCII without spaces (OpenAI's `sk-…`, Azure's hex keys). A line break
 * or another control character would end up in the Authorization header, where it could split
 * the request (header injection), so it is refused here, at the seam.
 */
const apiKeyText = z
  .string()
  .trim()
  .min(8)
  .max(500)
  .refine(
    (key) => /^[\x21-\x7e]+$/.test(key),
    'may hold only printable characters, without spaces or line breaks'
  )

export const keyStatusSchema = z.object({
  /** Whether a key is available for the next connect. The key itself never crosses IPC. */
  configured: z.boolean(),
  source: z.enum(['environment', 'secure-storage', 'this-run-only']).nullable(),
  /** False where the OS offers no secure storage (Linux without a keyring). */
  secureStorageAvailable: z.boolean()
})
export type KeyStatus = z.infer<typeof keyStatusSchema>
const provider = z.enum(PROVIDERS)
/** Whether each provider has a key (issue 14); `key.*` stays OpenAI's. */
export const providerKeyStatusesSchema = z.object({
  openai: keyStatusSchema,
  azure: keyStatusSchema,
  compatible: keyStatusSchema
})

export const settingsReplySchema = z.object({
  settings: settingsSchema,
  /** A sentence for the UI when the stored file was unusable and defaults were used. */
  notice: z.string().nullable()
})
export type SettingsReply = z.infer<typeof settingsReplySchema>

export const conversationItemSchema = z.object({
  itemId,
  kind: z.enum(['message', 'function_call']),
  role: role.optional(),
  text: z.string().nullable(),
  status: z.enum(['in_progress', 'completed', 'incomplete']),
  name: z.string().optional(),
  arguments: z.string().optional(),
  output: z.string().nullable().optional()
})

/** Which global hotkey works and why (docs/architecture.md, "Audio path"): shown near the Talk button. */
export const hotkeyStatusSchema = z.object({
  /** hold = push-to-talk (key up ends the turn); toggle = press starts, next press ends. */
  mode: z.enum(['hold', 'toggle', 'off']),
  backend: z.enum(['uiohook', 'globalShortcut', 'none']),
  /** The hotkey as the user reads it, e.g. "Ctrl+Shift+Space"; '' when there is none. */
  hotkey: z.string(),
  /** A sentence for the user: which mode is active and why. */
  reason: z.string()
})
export type HotkeyStatusInfo = z.infer<typeof hotkeyStatusSchema>

/** What this host can do for the desktop settings; the browser host can do neither. */
export const appCapabilitiesSchema = z.object({
  launchAtLogin: z.object({
    available: z.boolean(),
    /** Why it is unavailable, for the settings panel; null when available. */
    reason: z.string().nullable()
  }),
  /** The folder Hark writes its log files to; null where there is none (the browser host). */
  logsFolder: z.string().nullable()
})
export type AppCapabilities = z.infer<typeof appCapabilitiesSchema>

/** Opening the logs folder is best effort: the reply says why it did not open, never throws. */
export const openLogsReplySchema = z.object({
  opened: z.boolean(),
  reason: z.string().nullable()
})
export type OpenLogsReply = z.infer<typeof openLogsReplySchema>

/** Muted = main drops every microphone chunk and push-to-talk press (the tray's checkbox). */
export const micStatusSchema = z.object({ muted: z.boolean() })
export type MicStatus = z.infer<typeof micStatusSchema>

const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  totalTokens: z.number()
})

const ms = z.number().nonnegative().nullable()
const tokenCount = z.number().int().nonnegative()
/** One response's cost and latency (src/shared/turn-metrics.ts). */
export const turnMetricsSchema = z.object({
  responseId: z.string(),
  itemIds: z.array(z.string()),
  model: z.string(),
  usage: z
    .object({
      inputTokens: tokenCount,
      outputTokens: tokenCount,
      input: z.object({ text: tokenCount, audio: tokenCount, image: tokenCount }),
      cachedInput: z.object({ text: tokenCount, audio: tokenCount, image: tokenCount }),
      output: z.object({ text: tokenCount, audio: tokenCount })
    })
    .nullable(),
  responseCostUsd: z.number().nonnegative().nullable(),
  transcriptionCostUsd: z.number().nonnegative().nullable(),
  costUsd: z.number().nonnegative().nullable(),
  latency: z
    .object({
      startedBy: z.enum(['key_up', 'speech_stopped', 'text']),
      commitMs: ms,
      createdMs: ms,
      firstAudioMs: ms,
      heardMs: ms,
      totalMs: ms
    })
    .nullable()
}) satisfies z.ZodType<TurnMetrics>

const assistantsReplySchema = z.object({
  file: assistantsFileSchema,
  notice: z.string().nullable()
})

/**
 * Which assistant's session a session event comes from (issue 14: several assistants can be
 * connected at once). Absent only from hosts that predate it; the page then takes the active one.
 */
const assistantTag = { assistantId: assistantSchema.shape.id.optional() }
const tagged = <T extends z.ZodRawShape>(
  schema: z.ZodObject<T>
): z.ZodObject<T & typeof assistantTag> => z.object({ ...schema.shape, ...assistantTag })

export const ipcContract = {
  // renderer → main, request/reply
  'session.start': invoke(none, none),
  'session.stop': invoke(none, none),
  /** Forget the conversation (Connect otherwise carries it into the next session). */
  'session.newConversation': invoke(none, none),
  'session.sendText': invoke(
    z.object({
      text: z.string().trim().min(1).max(4000),
      /** Which assistant hears it (issue 14); the active one when absent. */
      assistantId: assistantSchema.shape.id.optional()
    }),
    none
  ),
  'session.interrupt': invoke(none, none),
  'settings.get': invoke(none, settingsReplySchema),
  'settings.set': invoke(settingsPatchSchema, settingsReplySchema),
  'key.set': invoke(
    z.object({
      key: apiKeyText,
      /** false = keep the key in memory for this run only (no secure storage, or the user's choice). */
      persist: z.boolean()
    }),
    keyStatusSchema
  ),
  'key.clear': invoke(none, keyStatusSchema),
  'key.status': invoke(none, keyStatusSchema),
  'hotkey.status': invoke(none, hotkeyStatusSchema),
  'mic.status': invoke(none, micStatusSchema),
  'mic.setMuted': invoke(micStatusSchema, micStatusSchema),
  'app.capabilities': invoke(none, appCapabilitiesSchema),
  'app.openLogsFolder': invoke(none, openLogsReplySchema),
  // The History view (issue 11; schemas in history-ipc.ts).
  'history.status': invoke(none, historyStatusSchema),
  'history.list': invoke(none, historyListSchema),
  'history.search': invoke(historyRequests.search, searchReplySchema),
  'history.get': invoke(historyRequests.byId, conversationSchema),
  'history.rename': invoke(historyRequests.rename, none),
  /** Moves it to the trash; `history.restore` undoes it until the next start. */
  'history.delete': invoke(historyRequests.byId, none),
  'history.restore': invoke(historyRequests.byId, none),
  'history.deleteAll': invoke(none, none),
  'history.export': invoke(historyRequests.export, exportReplySchema),
  /** A new session seeded with that conversation as text, as after a reconnect. */
  'history.continue': invoke(historyRequests.byId, none),
  /** The conversation's recording: a stereo 24 kHz PCM16 WAV, as bytes (History's player). */
  'history.recording': invoke(historyRequests.byId, z.instanceof(Uint8Array)),
  // Tools and the user's MCP servers (issue 12). Approvals come only from these two invokes.
  'tools.overview': invoke(none, toolsOverviewSchema),
  'tools.approve': invoke(toolRequests.approve, approvalAnswerReplySchema),
  'tools.deny': invoke(toolRequests.deny, approvalAnswerReplySchema),
  'tools.setPolicy': invoke(toolRequests.setPolicy, toolsOverviewSchema),
  'tools.revoke': invoke(toolRequests.revoke, toolsOverviewSchema),
  'mcp.saveServer': invoke(toolRequests.saveServer, toolsOverviewSchema),
  'mcp.removeServer': invoke(toolRequests.removeServer, toolsOverviewSchema),
  'mcp.claudeServers': invoke(none, claudeServersReplySchema),
  'mcp.importClaude': invoke(toolRequests.importClaude, toolsOverviewSchema),
  // Spending and the monthly budget (issue 9; spend-ipc.ts).
  'spend.status': invoke(none, spendStatusSchema),
  /** Over budget: start the held response anyway, this once. */
  'spend.continueOnce': invoke(none, spendStatusSchema),

  // renderer → main, hot path, no reply
  'audio.append': send(pcmBytes),
  'playback.progress': send(
    z.object({
      itemId,
      playedMs: z.number().finite().min(0).max(3_600_000),
      /** The position after a flush: the item will play no further (a held truncate goes now). */
      final: z.boolean().optional()
    })
  ),
  'ptt.down': send(none),
  'ptt.up': send(none),
  /** A press too short to hold speech: main clears the input buffer, no commit. */
  'ptt.cancel': send(none),
  /** The overlay page: the pointer is over its buttons (take clicks) or not (let them through). */
  'overlay.pointer': send(z.object({ overButtons: z.boolean() })),

  // main → renderer
  'session.status': event(
    tagged(
      z.object({
        status: z.enum(['disconnected', 'connecting', 'connected', 'reconnecting']),
        reason: z.string().optional(),
        code: errorCode.optional()
      })
    )
  ),
  'audio.delta': event(
    tagged(z.object({ responseId: z.string(), itemId, pcm: z.instanceof(Uint8Array) }))
  ),
  'audio.flush': event(tagged(z.object({ itemId: itemId.nullable() }))),
  'audio.done': event(tagged(z.object({ responseId: z.string(), itemId }))),
  'transcript.delta': event(tagged(z.object({ role, itemId, delta: z.string() }))),
  'transcript.done': event(tagged(z.object({ role, itemId, text: z.string() }))),
  'speech.started': event(tagged(z.object({ itemId: itemId.nullable() }))),
  'speech.stopped': event(tagged(z.object({ itemId: itemId.nullable() }))),
  'history.updated': event(tagged(z.object({ items: z.array(conversationItemSchema) }))),
  'response.started': event(tagged(z.object({ responseId: z.string() }))),
  'response.done': event(
    tagged(z.object({ responseId: z.string(), status: z.string(), usage: usageSchema }))
  ),
  'tool.call': event(
    tagged(z.object({ callId: z.string(), name: z.string(), arguments: z.string() }))
  ),
  'item.truncated': event(tagged(z.object({ itemId, audioEndMs: z.number().int().min(0) }))),
  'turn.metrics': event(tagged(turnMetricsSchema)),
  error: event(tagged(z.object({ code: errorCode, message: z.string() }))),
  // The global hotkey (main) drives the renderer's push-to-talk, where the microphone lives.
  'hotkey.talkStart': event(none),
  'hotkey.talkEnd': event(none),
  'hotkey.talkCancel': event(none),
  'hotkey.statusChanged': event(hotkeyStatusSchema),
  /** The microphone was muted or unmuted (from the tray or the window). */
  'mic.muteChanged': event(micStatusSchema),
  /** The saved history changed (a conversation began, a save problem came or went). */
  'history.changed': event(historyStatusSchema),
  'tools.approvalRequested': event(approvalRequestSchema),
  'tools.approvalEnded': event(approvalEndedSchema),
  'tools.activity': event(toolActivitySchema),
  'tools.changed': event(toolsOverviewSchema),
  'spend.changed': event(spendStatusSchema),
  // One key per provider (issue 14): set, cleared and asked about, never read back.
  'providerKey.set': invoke(
    z.object({ provider, key: apiKeyText, persist: z.boolean() }),
    keyStatusSchema
  ),
  'providerKey.clear': invoke(z.object({ provider }), keyStatusSchema),
  'providerKey.statuses': invoke(none, providerKeyStatusesSchema),
  // Self-update (issue 14): where it stands, and "Restart to update" once one is downloaded.
  'update.status': invoke(none, updateStatusSchema),
  'update.install': invoke(none, none),
  'update.statusChanged': event(updateStatusSchema),
  // Assistants (issue 14): the whole set is saved at once, so main checks it as one.
  'assistants.get': invoke(none, assistantsReplySchema),
  'assistants.save': invoke(
    assistantsFileSchema.meta({ maxBytes: ASSISTANTS_MAX_BYTES } satisfies ByteCapMeta),
    assistantsReplySchema
  ),
  'assistants.switch': invoke(z.object({ id: assistantSchema.shape.id }), assistantsReplySchema),
  /** The microphone's level while audio reaches main, ~10 per second (the overlay's meter). */
  'capture.level': event(z.object({ rms: z.number().min(0).max(1) })),
  // Look at my screen (issue 12 §3; schemas in screen-ipc.ts). Nothing is sent before a message.
  'screen.attach': invoke(screenRequests.attach, screenImageInfoSchema),
  'screen.discard': invoke(none, screenAttachmentSchema),
  'screen.captureFailed': invoke(screenRequests.captureFailed, none),
  /** Why the stored Look at my screen hotkey does not work (refused at start), or null. */
  'screen.hotkeyProblem': invoke(none, z.object({ problem: z.string().nullable() })),
  'screen.captureRequested': event(captureRequestSchema),
  'screen.attachmentChanged': event(screenAttachmentSchema),
  /** The assistants or the active one changed, from any source (window, tray, file). */
  'assistants.updated': event(assistantsReplySchema)
} as const

export type IpcContract = typeof ipcContract
export type IpcChannel = keyof IpcContract
type ChannelsOfKind<K extends 'invoke' | 'send' | 'event'> = {
  [C in IpcChannel]: IpcContract[C]['kind'] extends K ? C : never
}[IpcChannel]
export type InvokeChannel = ChannelsOfKind<'invoke'>
export type SendChannel = ChannelsOfKind<'send'>
export type EventChannel = ChannelsOfKind<'event'>

export type InvokeRequest<C extends InvokeChannel> = z.input<IpcContract[C]['request']>
export type InvokeResponse<C extends InvokeChannel> = z.output<IpcContract[C]['response']>
export type SendPayload<C extends SendChannel> = z.input<IpcContract[C]['payload']>
export type EventPayload<C extends EventChannel> = z.output<IpcContract[C]['payload']>

export const channelsOfKind = <K extends 'invoke' | 'send' | 'event'>(
  kind: K
): ChannelsOfKind<K>[] =>
  (Object.keys(ipcContract) as IpcChannel[]).filter(
    (channel): channel is ChannelsOfKind<K> => ipcContract[channel].kind === kind
  )

type Head<C extends string> = C extends `${infer H}.${string}` ? H : C
type Tail<C extends string> = C extends `${string}.${infer T}` ? T : never
type NoArgs<T> = [T] extends [undefined] ? true : false

/** `session.start` → `hark.session.start()`; sends likewise; events through `hark.on`. */
export type HarkApi = {
  [H in Head<InvokeChannel | SendChannel>]: {
    [C in Extract<InvokeChannel, `${H}.${string}`> as Tail<C>]: NoArgs<
      InvokeRequest<C>
    > extends true
      ? () => Promise<InvokeResponse<C>>
      : (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>
  } & {
    [C in Extract<SendChannel, `${H}.${string}`> as Tail<C>]: NoArgs<SendPayload<C>> extends true
      ? () => void
      : (payload: SendPayload<C>) => void
  }
} & {
  /** Subscribe to a main → renderer event; returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void
}

/**
 * What the preload and the browser host expose as `window.hark`: HarkApi with every invoke
 * answering an IpcReply instead of rejecting, because a rejection loses its code on the way
 * through Electron's contextBridge. The page unwraps it into a HarkApi (src/shared/hark-api.ts).
 */
export type HarkBridgeApi = {
  [H in keyof HarkApi]: H extends 'on'
    ? HarkApi['on']
    : {
        [M in keyof HarkApi[H]]: HarkApi[H][M] extends (...args: infer A) => Promise<infer R>
          ? (...args: A) => Promise<IpcReply<R>>
          : HarkApi[H][M]
      }
}

export { apiPath } from './ipc-channels'

type RendererChannel = InvokeChannel | SendChannel

const rendererSchema = (channel: RendererChannel): z.ZodType => {
  const entry = ipcContract[channel]
  return entry.kind === 'invoke' ? entry.request : entry.payload
}

/**
 * The most bytes each renderer → main channel can carry: twice what its schema could ever accept,
 * plus 1 KB. The headroom lets a value just over a field's limit reach validation and get that
 * field's own sentence ("at most 4000 characters"); the cap is for what no schema would take.
 */
export const ipcByteCaps: Readonly<Record<RendererChannel, number>> = Object.fromEntries(
  [...channelsOfKind('invoke'), ...channelsOfKind('send')].map((channel) => [
    channel,
    schemaByteCap(rendererSchema(channel), channel) * 2 + 1024
  ])
) as Record<RendererChannel, number>

/** Largest renderer message any channel accepts (a transport's frame limit is set from it). */
export const MAX_IPC_MESSAGE_BYTES = Math.max(...Object.values(ipcByteCaps))

/**
 * Null when `payload` fits its channel's cap, else the "too large" sentence. Counted without
 * serialising and stopped at the cap, so a huge payload costs no more than a legal one.
 */
export function payloadSizeProblem(channel: RendererChannel, payload: unknown): string | null {
  const cap = ipcByteCaps[channel]
  return measuredBytesUpTo(payload, cap) > cap ? tooLargeSentence(channel, cap) : null
}

/**
 * Validate a renderer → main payload. Returns the parsed value or a one-line reason; never throws,
 * so a hostile or buggy renderer cannot crash main.
 */
export function parseRendererPayload<C extends InvokeChannel | SendChannel>(
  channel: C,
  payload: unknown
): { ok: true; value: unknown } | { ok: false; reason: string } {
  // The one hot channel: a chunk isPcmChunk accepts is one its schema accepts, unchanged; any
  // other payload still meets the schema, for its reason.
  if (channel === 'audio.append' && isPcmChunk(payload)) return { ok: true, value: payload }
  const entry = ipcContract[channel]
  const schema: z.ZodType = entry.kind === 'invoke' ? entry.request : entry.payload
  const result = schema.safeParse(payload)
  if (result.success) return { ok: true, value: result.data }
  const first = result.error.issues[0]
  return {
    ok: false,
    reason: `${channel}: ${first?.path.join('.') || 'payload'} ${first?.message ?? 'is invalid'}`
  }
}
