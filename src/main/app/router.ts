// The one place renderer messages enter main: every payload is checked against its channel's size
// cap and validated against the contract before anything acts on it (docs/architecture.md, "The
// IPC contract"). Invokes answer or reject with a HarkError (adapters send it on as an IpcReply);
// sends never throw, because they arrive on the hot path from a renderer that does not wait.
import type { z } from 'zod'
import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeResponse,
  IpcContract,
  SendChannel
} from '../../shared/ipc'
import { parseRendererPayload, payloadSizeProblem } from '../../shared/ipc'
import { replyError, replyOk, type IpcReply } from '../../shared/ipc-errors'
import type { SettingsPatch } from '../../shared/settings'
import { acceleratorProblem } from '../hotkey/accelerator'
import type { RealtimeLog } from '../realtime/event-bus'
import type { KeyStore } from '../storage/key-store'
import type { SettingsSnapshot, SettingsStore } from '../storage/settings-store'
import type { DesktopServices } from './desktop-services'
import {
  hostNeedingConfirmation,
  noEndpointConfirmer,
  notConfirmedSentence,
  type EndpointConfirmer
} from './endpoint-guard'
import type { HotkeyProvider } from './hotkey-provider'
import { HarkError, toHarkError } from './ipc-error'
import { historyHandlers, type HistoryService } from './history-service'
import { spendHandlers, type SpendService } from './spend-service'
import type { RouterSession } from './on-demand-session'
import type { TalkControls } from './talk-controls'
import type { ToolInvokeHandlers } from './tool-runtime'
import type { ProviderKeys } from '../storage/provider-keys'
import { providerKeyHandlers } from './provider-key-handlers'
import type { UpdateService } from '../updates/update-service'
import type { AssistantsStore } from '../assistants/assistants-store'
import { assistantHandlers } from '../assistants/assistant-handlers'
import { settingsHotkeyProblem } from '../assistants/settings-hotkey'
import { screenHandlers, type ScreenInvokeHandlers } from '../screen/screen-handlers'
import type { ScreenHotkeySetting } from '../screen/screen-hotkey'

/** What a handler may answer: the channel's reply, or nothing for a reply of `undefined`. */
type Answer<T> = [T] extends [undefined] ? void : T

/** Every invoke channel's handler, taking its validated request. */
export type InvokeHandlers = {
  [C in InvokeChannel]: (
    request: z.output<IpcContract[C]['request']>
  ) => Answer<InvokeResponse<C>> | Promise<Answer<InvokeResponse<C>>>
}

/** Every send channel's handler, taking its validated payload; a send never answers. */
export type SendHandlers = {
  [C in SendChannel]: (payload: z.output<IpcContract[C]['payload']>) => void
}

export interface IpcRouter {
  /** Validates and runs an invoke: resolves with the reply value or rejects with a HarkError. */
  handleInvoke(channel: InvokeChannel, payload: unknown): Promise<unknown>
  /** The same, answered as an IpcReply that never rejects: what the IPC adapters send back. */
  answerInvoke(channel: InvokeChannel, payload: unknown): Promise<IpcReply>
  handleSend(channel: SendChannel, payload: unknown): void
  subscribe(
    emit: <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void
  ): () => void
  dispose(): Promise<void>
}

export interface RouterParts {
  session: RouterSession
  history: HistoryService
  settings: SettingsStore
  keys: KeyStore
  hotkey: HotkeyProvider
  talk: TalkControls
  desktop: DesktopServices
  /** Asks the user about a new endpoint host; without one, host changes are refused. */
  endpoints?: EndpointConfirmer
  /** Tools, approvals and MCP servers: the `tools.*` and `mcp.*` channels. */
  tools: ToolInvokeHandlers
  /** Spending and the monthly budget: the `spend.*` channels. */
  spend: SpendService
  /** Look at my screen: the `screen.*` channels; without it they say it is unavailable. */
  screen?: ScreenInvokeHandlers
  /** Every renderer message that passed validation and the mute, before it acts (for the tray). */
  onSend?: (channel: SendChannel, value: unknown) => void
  /** Whose accelerator names a hotkey setting is checked against (CommandOrControl, Super). */
  platform: string
  log: RealtimeLog
  subscribe: IpcRouter['subscribe']
  dispose: () => Promise<void>
  /** Each provider's key (issue 14); `keys` is OpenAI's of these. */
  providerKeys: ProviderKeys
  updates: UpdateService
  assistants: AssistantsStore
  /** The optional Look at my screen hotkey: checked before a save, registered after. */
  screenHotkey?: ScreenHotkeySetting
}

export function createRouter(parts: RouterParts): IpcRouter {
  const { session, settings, keys, hotkey, talk, desktop, log } = parts
  const endpoints = parts.endpoints ?? noEndpointConfirmer

  const updateSettings = async (patch: SettingsPatch): Promise<SettingsSnapshot> => {
    const problem =
      patch.hotkey === undefined ? null : acceleratorProblem(patch.hotkey, parts.platform)
    if (problem !== null) throw new HarkError('invalid_input', problem)
    const before = (await settings.get()).settings
    // Checked only when it changes: saving other settings never trips over an old clash.
    const taken =
      patch.hotkey === undefined || patch.hotkey === before.hotkey
        ? null
        : await settingsHotkeyProblem(parts.assistants, patch.hotkey, parts.platform)
    if (taken !== null) throw new HarkError('invalid_input', taken)
    await parts.screenHotkey?.check(patch, before)
    // A new host gets the key on the next Connect: main asks the user, not the window.
    const host = hostNeedingConfirmation(before.url, patch.url)
    if (host !== null) {
      const reason = endpoints.unavailableReason
      if (reason !== null) throw new HarkError('invalid_input', reason)
      if (!(await endpoints.confirm(host)))
        throw new HarkError('invalid_input', notConfirmedSentence(host))
      log('info', 'settings: new endpoint host confirmed by the user', { host })
    }
    // Only turning it on needs the capability: a value stored by the installed app must not
    // block saving other settings from a development run that shares the settings file.
    const login = desktop.capabilities().launchAtLogin
    if (patch.launchAtLogin === true && !before.launchAtLogin && !login.available)
      throw new HarkError('invalid_input', login.reason ?? 'Launch at login is unavailable.')
    const reply = await settings.update(patch)
    // The hotkey restarts in the background; its new status arrives as hotkey.statusChanged.
    if (reply.settings.hotkey !== before.hotkey) void hotkey.configure(reply.settings.hotkey)
    await parts.screenHotkey?.saved(patch, before, reply.settings)
    if (
      reply.settings.historyPlainAllowed !== before.historyPlainAllowed ||
      reply.settings.historyRetentionDays !== before.historyRetentionDays
    )
      await parts.history.settingsChanged()
    if (reply.settings.recordConversations !== before.recordConversations)
      parts.history.recordingSettingChanged(reply.settings)
    if (reply.settings.monthlyBudgetUsd !== before.monthlyBudgetUsd)
      await parts.spend.settingsChanged()
    if (reply.settings.launchAtLogin === before.launchAtLogin) return reply
    try {
      await desktop.applyLaunchAtLogin(reply.settings.launchAtLogin)
    } catch (error) {
      // The setting must say what the system does: put it back and tell the user why.
      log('warn', 'launch at login could not be changed', { error: errorName(error) })
      await settings.update({ launchAtLogin: before.launchAtLogin })
      const why = error instanceof Error ? error.message : String(error)
      throw new HarkError('unknown', `Hark could not change launch at login (${why}).`)
    }
    return reply
  }

  // One handler per channel, typed by the contract: a channel added to src/shared/ipc.ts without
  // its handler here is a compile error, not a silent `undefined` at run time.
  const invokeHandlers: InvokeHandlers = {
    'session.start': () => session.start(),
    'session.stop': () => session.stop(),
    'session.newConversation': () => session.newConversation(),
    'session.sendText': ({ text, assistantId }) => session.sendText(text, assistantId),
    'session.interrupt': () => session.interrupt(),
    'settings.get': () => settings.get(),
    'settings.set': (patch) => updateSettings(patch),
    'key.set': ({ key, persist }) => keys.set(key, persist),
    'key.clear': () => keys.clear(),
    'key.status': () => keys.status(),
    'hotkey.status': () => hotkey.status(),
    'screen.hotkeyProblem': () => ({ problem: parts.screenHotkey?.problem() ?? null }),
    'mic.status': () => ({ muted: talk.isMuted() }),
    'mic.setMuted': ({ muted }) => {
      talk.setMuted(muted)
      return { muted: talk.isMuted() }
    },
    'app.capabilities': () => desktop.capabilities(),
    'app.openLogsFolder': () => desktop.openLogsFolder(),
    ...historyHandlers(parts.history),
    ...parts.tools,
    ...spendHandlers(parts.spend),
    ...providerKeyHandlers(parts.providerKeys),
    'update.status': () => parts.updates.status(),
    'update.install': () => parts.updates.installNow(),
    ...assistantHandlers(parts.assistants),
    ...(parts.screen ?? screenHandlers(null))
  }

  const sendHandlers: SendHandlers = {
    'audio.append': (pcm) => session.appendAudio(pcm),
    'playback.progress': ({ itemId, playedMs, final }) =>
      session.reportPlayback(itemId, playedMs, final ?? false),
    'ptt.down': () => session.pttDown(),
    'ptt.up': () => session.pttUp(),
    'ptt.cancel': () => session.pttCancel(),
    // Acted on by the desktop overlay's adapter, which observes the core (hark-main.ts).
    'overlay.pointer': () => undefined
  }

  const handleInvoke = async (channel: InvokeChannel, payload: unknown): Promise<unknown> => {
    const tooLarge = payloadSizeProblem(channel, payload)
    if (tooLarge !== null) {
      log('warn', 'ipc: oversized request dropped', { channel })
      throw new HarkError('invalid_input', tooLarge)
    }
    const parsed = parseRendererPayload(channel, payload)
    if (!parsed.ok) {
      // The reason names the field and the rule, never the value (it could be the API key).
      log('warn', 'ipc: invalid request dropped', { channel, reason: parsed.reason })
      throw new HarkError('invalid_input', `Hark refused an invalid request (${parsed.reason}).`)
    }
    try {
      const handler = invokeHandlers[channel] as (request: unknown) => unknown
      return await handler(parsed.value)
    } catch (error) {
      const harkError = toHarkError(error)
      log(harkError.code === 'unknown' ? 'error' : 'info', 'ipc: request failed', {
        channel,
        code: harkError.code,
        ...(harkError.code === 'unknown' ? { error: errorName(error) } : {})
      })
      throw harkError
    }
  }

  return {
    handleInvoke,

    answerInvoke: (channel, payload) =>
      handleInvoke(channel, payload).then(replyOk, (error: unknown) => {
        const harkError = toHarkError(error)
        return replyError(harkError.code, harkError.message)
      }),

    handleSend(channel, payload) {
      if (payloadSizeProblem(channel, payload) !== null) {
        log('warn', 'ipc: oversized message dropped', { channel })
        return
      }
      const parsed = parseRendererPayload(channel, payload)
      if (!parsed.ok) {
        log('warn', 'ipc: invalid message dropped', { channel, reason: parsed.reason })
        return
      }
      // Muted: microphone audio and presses stop here, before anything could reach the session.
      if (!talk.admit(channel)) return
      parts.onSend?.(channel, parsed.value)
      try {
        const handler = sendHandlers[channel] as (payload: unknown) => void
        handler(parsed.value)
      } catch (error) {
        log('error', 'ipc: message handler failed', { channel, error: errorName(error) })
      }
    },

    subscribe: parts.subscribe,
    dispose: parts.dispose
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error
}
