// Main's core, assembled without Electron: settings and key stores, the session manager and the
// IPC router. The Electron entry hands it paths and the safeStorage cipher; tests hand it a temp
// folder, a fake cipher and a fake controller.
import type { EventChannel, EventPayload } from '../../shared/ipc'
import type { RealtimeConfig } from '../realtime/config'
import { RealtimeController } from '../realtime/controller'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import type { RealtimeLog } from '../realtime/event-bus'
import { getCurrentTimeTool } from '../tools/clock'
import { createKeyStore, type SecretCipher } from '../storage/key-store'
import { createSettingsStore } from '../storage/settings-store'
import {
  emitMessage,
  toIpcEvent,
  type IpcEmit,
  type IpcEventMessage as IpcMessage
} from './event-mapping'
import { offHotkeyProvider, type HotkeyEvent, type HotkeyProvider } from './hotkey-provider'
import { createRouter, type IpcRouter } from './router'
import { SessionManager } from './session-manager'

export type { IpcRouter } from './router'

export interface HarkMainDeps {
  userDataDir: string
  env: NodeJS.ProcessEnv
  cipher: SecretCipher
  log?: RealtimeLog
  createController?: (config: RealtimeConfig) => RealtimeControllerApi
  /** The global hotkey; the Electron entry supplies one, other hosts have none ("off"). */
  hotkey?: HotkeyProvider
  /** For checking hotkey settings; defaults to this process's platform. */
  platform?: string
}

function hotkeyMessage(event: HotkeyEvent): IpcMessage {
  switch (event.type) {
    case 'talkStart':
      return { channel: 'hotkey.talkStart', payload: undefined }
    case 'talkEnd':
      return { channel: 'hotkey.talkEnd', payload: undefined }
    case 'talkCancel':
      return { channel: 'hotkey.talkCancel', payload: undefined }
    case 'status':
      return { channel: 'hotkey.statusChanged', payload: event.status }
  }
}

export function createHarkMain(deps: HarkMainDeps): IpcRouter {
  const log: RealtimeLog = deps.log ?? (() => undefined)
  const settings = createSettingsStore({ dir: deps.userDataDir, log })
  const keys = createKeyStore({ dir: deps.userDataDir, cipher: deps.cipher, env: deps.env, log })
  const emitters = new Set<IpcEmit>()
  const hotkey = deps.hotkey ?? offHotkeyProvider()

  const session = new SessionManager({
    env: deps.env,
    readSettings: async () => (await settings.get()).settings,
    readKey: () => keys.read(),
    createController:
      deps.createController ??
      ((config) => new RealtimeController(config, { tools: [getCurrentTimeTool], log })),
    onEvent: (event) => broadcast(toIpcEvent(event)),
    log
  })

  function broadcast(message: IpcMessage): void {
    for (const emit of emitters) {
      try {
        emitMessage(emit, message)
      } catch (error) {
        // A closed window must not break the session for the others (or for the next window).
        log('warn', 'ipc: event delivery failed', {
          channel: message.channel,
          error: String(error)
        })
      }
    }
  }
  const unsubscribeHotkey = hotkey.subscribe((event) => broadcast(hotkeyMessage(event)))
  void settings.get().then(
    (reply) => hotkey.configure(reply.settings.hotkey),
    () => undefined
  )

  return createRouter({
    session,
    settings,
    keys,
    hotkey,
    platform: deps.platform ?? process.platform,
    log,
    subscribe: (emit: <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void) => {
      emitters.add(emit)
      return () => {
        emitters.delete(emit)
      }
    },
    dispose: async () => {
      unsubscribeHotkey()
      emitters.clear()
      await session.dispose()
    }
  })
}
