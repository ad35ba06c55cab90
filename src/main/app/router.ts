// The one place renderer messages enter main: every payload is validated against the contract
// before anything acts on it (DESIGN §2). Invokes answer or reject with a HarkIpcError; sends
// never throw, because they arrive on the hot path from a renderer that does not wait for them.
import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  SendChannel,
  SendPayload
} from '../../shared/ipc'
import { parseRendererPayload } from '../../shared/ipc'
import type { SettingsPatch } from '../../shared/settings'
import { acceleratorProblem } from '../hotkey/accelerator'
import type { RealtimeLog } from '../realtime/event-bus'
import type { KeyStore } from '../storage/key-store'
import type { SettingsStore } from '../storage/settings-store'
import type { DesktopServices } from './desktop-services'
import type { HotkeyProvider } from './hotkey-provider'
import { HarkIpcError, toIpcError } from './ipc-error'
import type { SessionManager } from './session-manager'
import type { TalkControls } from './talk-controls'

export interface IpcRouter {
  handleInvoke(channel: InvokeChannel, payload: unknown): Promise<unknown>
  handleSend(channel: SendChannel, payload: unknown): void
  subscribe(
    emit: <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void
  ): () => void
  dispose(): Promise<void>
}

export interface RouterParts {
  session: SessionManager
  settings: SettingsStore
  keys: KeyStore
  hotkey: HotkeyProvider
  talk: TalkControls
  desktop: DesktopServices
  /** Every renderer message that passed validation and the mute, before it acts (for the tray). */
  onSend?: (channel: SendChannel, value: unknown) => void
  /** Whose accelerator names a hotkey setting is checked against (CommandOrControl, Super). */
  platform: string
  log: RealtimeLog
  subscribe: IpcRouter['subscribe']
  dispose: () => Promise<void>
}

export function createRouter(parts: RouterParts): IpcRouter {
  const { session, settings, keys, hotkey, talk, desktop, log } = parts

  const updateSettings = async (patch: SettingsPatch): Promise<unknown> => {
    const problem =
      patch.hotkey === undefined ? null : acceleratorProblem(patch.hotkey, parts.platform)
    if (problem !== null) throw new HarkIpcError('invalid_input', problem)
    const before = (await settings.get()).settings
    // Only turning it on needs the capability: a value stored by the installed app must not
    // block saving other settings from a development run that shares the settings file.
    const login = desktop.capabilities().launchAtLogin
    if (patch.launchAtLogin === true && !before.launchAtLogin && !login.available)
      throw new HarkIpcError('invalid_input', login.reason ?? 'Launch at login is unavailable.')
    const reply = await settings.update(patch)
    // The hotkey restarts in the background; its new status arrives as hotkey.statusChanged.
    if (reply.settings.hotkey !== before.hotkey) void hotkey.configure(reply.settings.hotkey)
    if (reply.settings.launchAtLogin === before.launchAtLogin) return reply
    try {
      await desktop.applyLaunchAtLogin(reply.settings.launchAtLogin)
    } catch (error) {
      // The setting must say what the system does: put it back and tell the user why.
      log('warn', 'launch at login could not be changed', { error: errorName(error) })
      await settings.update({ launchAtLogin: before.launchAtLogin })
      const why = error instanceof Error ? error.message : String(error)
      throw new HarkIpcError('unknown', `Hark could not change launch at login (${why}).`)
    }
    return reply
  }

  const invoke = async (channel: InvokeChannel, value: unknown): Promise<unknown> => {
    switch (channel) {
      case 'session.start':
        return session.start()
      case 'session.stop':
        return session.stop()
      case 'session.sendText':
        return session.sendText((value as { text: string }).text)
      case 'session.interrupt':
        return session.interrupt()
      case 'settings.get':
        return settings.get()
      case 'settings.set':
        return updateSettings(value as SettingsPatch)
      case 'key.set': {
        const request = value as { key: string; persist: boolean }
        return keys.set(request.key, request.persist)
      }
      case 'key.clear':
        return keys.clear()
      case 'key.status':
        return keys.status()
      case 'hotkey.status':
        return hotkey.status()
      case 'mic.status':
        return { muted: talk.isMuted() }
      case 'mic.setMuted':
        talk.setMuted((value as { muted: boolean }).muted)
        return { muted: talk.isMuted() }
      case 'app.capabilities':
        return desktop.capabilities()
      case 'app.openLogsFolder':
        return desktop.openLogsFolder()
    }
  }

  const send = (channel: SendChannel, value: unknown): void => {
    switch (channel) {
      case 'audio.append':
        return session.appendAudio(value as Uint8Array)
      case 'playback.progress': {
        const progress = value as SendPayload<'playback.progress'>
        return session.reportPlayback(progress.itemId, progress.playedMs, progress.final ?? false)
      }
      case 'ptt.down':
        return session.pttDown()
      case 'ptt.up':
        return session.pttUp()
      case 'ptt.cancel':
        return session.pttCancel()
    }
  }

  return {
    async handleInvoke(channel, payload) {
      const parsed = parseRendererPayload(channel, payload)
      if (!parsed.ok) {
        // The reason names the field and the rule, never the value (it could be the API key).
        log('warn', 'ipc: invalid request dropped', { channel, reason: parsed.reason })
        throw new HarkIpcError(
          'invalid_input',
          `Hark refused an invalid request (${parsed.reason}).`
        )
      }
      try {
        return await invoke(channel, parsed.value)
      } catch (error) {
        const ipcError = toIpcError(error)
        log(ipcError.code === 'unknown' ? 'error' : 'info', 'ipc: request failed', {
          channel,
          code: ipcError.code,
          ...(ipcError.code === 'unknown' ? { error: errorName(error) } : {})
        })
        throw ipcError
      }
    },

    handleSend(channel, payload) {
      const parsed = parseRendererPayload(channel, payload)
      if (!parsed.ok) {
        log('warn', 'ipc: invalid message dropped', { channel, reason: parsed.reason })
        return
      }
      // Muted: microphone audio and presses stop here, before anything could reach the session.
      if (!talk.admit(channel)) return
      parts.onSend?.(channel, parsed.value)
      try {
        send(channel, parsed.value)
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
