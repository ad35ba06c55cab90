// The one place renderer messages enter main: every payload is validated against the contract
// before anything acts on it (DESIGN §2). Invokes answer or reject with a HarkIpcError; sends
// never throw, because they arrive on the hot path from a renderer that does not wait for them.
import type { EventChannel, EventPayload, InvokeChannel, SendChannel } from '../../shared/ipc'
import { parseRendererPayload } from '../../shared/ipc'
import type { SettingsPatch } from '../../shared/settings'
import { acceleratorProblem } from '../hotkey/accelerator'
import type { RealtimeLog } from '../realtime/event-bus'
import type { KeyStore } from '../storage/key-store'
import type { SettingsStore } from '../storage/settings-store'
import type { HotkeyProvider } from './hotkey-provider'
import { HarkIpcError, toIpcError } from './ipc-error'
import type { SessionManager } from './session-manager'

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
  /** Whose accelerator names a hotkey setting is checked against (CommandOrControl, Super). */
  platform: string
  log: RealtimeLog
  subscribe: IpcRouter['subscribe']
  dispose: () => Promise<void>
}

export function createRouter(parts: RouterParts): IpcRouter {
  const { session, settings, keys, hotkey, log } = parts

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
      case 'settings.set': {
        const patch = value as SettingsPatch
        const problem =
          patch.hotkey === undefined ? null : acceleratorProblem(patch.hotkey, parts.platform)
        if (problem !== null) throw new HarkIpcError('invalid_input', problem)
        const before = (await settings.get()).settings.hotkey
        const reply = await settings.update(patch)
        // The hotkey restarts in the background; its new status arrives as hotkey.statusChanged.
        if (reply.settings.hotkey !== before) void hotkey.configure(reply.settings.hotkey)
        return reply
      }
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
    }
  }

  const send = (channel: SendChannel, value: unknown): void => {
    switch (channel) {
      case 'audio.append':
        return session.appendAudio(value as Uint8Array)
      case 'playback.progress': {
        const progress = value as { itemId: string; playedMs: number }
        return session.reportPlayback(progress.itemId, progress.playedMs)
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
