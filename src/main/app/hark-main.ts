// Main's core, assembled without Electron: settings and key stores, the session manager, the
// microphone mute and the IPC router, plus what the tray needs (its controls and the activity it
// shows). The Electron entry hands it paths, the safeStorage cipher and the desktop services;
// tests hand it a temp folder, a fake cipher and a fake controller.
import type { EventChannel, EventPayload, SendChannel, SendPayload } from '../../shared/ipc'
import type { RealtimeConfig } from '../realtime/config'
import type { Settings } from '../../shared/settings'
import { RealtimeController } from '../realtime/controller'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import type { RealtimeLog } from '../realtime/event-bus'
import type { SecretCipher } from '../storage/key-store'
import { createProviderKeys } from '../storage/provider-keys'
import { UpdateService } from '../updates/update-service'
import type { UpdaterPort } from '../updates/update-port'
import { createAssistantsStore, type AssistantsStore } from '../assistants/assistants-store'
import { createSettingsStore } from '../storage/settings-store'
import {
  emitMessage,
  toIpcEvent,
  type IpcEmit,
  type IpcEventMessage as IpcMessage
} from './event-mapping'
import { noDesktopServices, type DesktopServices } from './desktop-services'
import type { EndpointConfirmer } from './endpoint-guard'
import { offHotkeyProvider, type HotkeyEvent, type HotkeyProvider } from './hotkey-provider'
import { createRouter, type IpcRouter } from './router'
import { AssistantSessions } from './assistant-sessions'
import { followAssistantHotkeys } from './assistant-hotkeys'
import { createAssistantUnit, fromOtherAssistant, tagMessage } from './assistant-unit'
import { createTalkControls, type TalkControls } from './talk-controls'
import { HistoryService } from './history-service'
import { SpendService } from './spend-service'
import { SpendLedger } from '../usage/spend-ledger'
import { ToolRuntime } from './tool-runtime'
import { createEngineChoice } from './engine-choice'
import { createLiveDelegationHandler } from './live-delegation'
import { createInputLevelMeter } from './input-level'
import { resolveLoginShellPath } from '../mcp/login-path'
import { unavailableToolServices, type DesktopToolServices } from '../tools/desktop-tool-services'
import { ScreenLook } from '../screen/screen-look'
import { lookAtScreenTool } from '../screen/look-tool'
import { screenHandlers } from '../screen/screen-handlers'
import { createScreenHotkeySetting, type ScreenHotkeyPort } from '../screen/screen-hotkey'

export type { IpcRouter } from './router'

/** What the tray watches: every event the renderer gets, and the renderer's talk and playback. */
export type CoreActivity =
  | IpcMessage
  | { channel: 'ptt.down' | 'ptt.up' | 'ptt.cancel'; payload: undefined }
  | { channel: 'playback.progress'; payload: SendPayload<'playback.progress'> }
  | { channel: 'overlay.pointer'; payload: SendPayload<'overlay.pointer'> }

/** The core as the desktop entry sees it: the IPC router plus the tray's controls. */
export interface HarkCore extends IpcRouter {
  readonly talk: Pick<TalkControls, 'isMuted' | 'setMuted' | 'toggleTalk'>
  /** "Restart to update" for the tray (issue 14). */
  readonly updates: Pick<UpdateService, 'installNow' | 'status'>
  /** Look at my screen from the tray: the window captures, the look waits for the next message. */
  readonly screen: Pick<ScreenLook, 'requestAttach'>
  /** The tray's Assistant submenu (issue 14): the set, the switch, and word of every change. */
  readonly assistants: Pick<AssistantsStore, 'get' | 'switchTo' | 'onChange'>
  /** Returns the unsubscribe function. Listener failures are logged, never thrown back. */
  observe(listener: (activity: CoreActivity) => void): () => void
}

const OBSERVED_SENDS: ReadonlySet<SendChannel> = new Set([
  'ptt.down',
  'ptt.up',
  'ptt.cancel',
  'playback.progress',
  'overlay.pointer'
])

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
  /** Launch at login and the logs folder; hosts without them (browser, tests) say why not. */
  desktop?: DesktopServices
  /**
   * Resume from sleep and network changes (the Electron entry's adapter); the session probes its
   * socket at once. Returns the function that stops watching.
   */
  wakeSignals?: (onWake: (cause: string) => void) => () => void
  /** Asks the user about a new endpoint host (a native dialog); without it, changes are refused. */
  endpoints?: EndpointConfirmer
  /** Clipboard and browser for the built-in tools; hosts without them say they are unavailable. */
  toolServices?: DesktopToolServices
  /** The PATH MCP servers start with; the login shell's by default (macOS, Linux). */
  resolvePath?: () => Promise<string | undefined>
  /** How long a tool approval waits for the user; 60 s by default. */
  approvalTimeoutMs?: number
  /** The self-updater (electron-updater in a packaged app); none elsewhere. */
  updater?: UpdaterPort | null
  /** The optional Look at my screen hotkey (globalShortcut); other hosts only store the setting. */
  screenHotkey?: ScreenHotkeyPort
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

export function createHarkMain(deps: HarkMainDeps): HarkCore {
  const log: RealtimeLog = deps.log ?? (() => undefined)
  const settings = createSettingsStore({ dir: deps.userDataDir, log })
  const providerKeys = createProviderKeys({
    dir: deps.userDataDir,
    cipher: deps.cipher,
    env: deps.env,
    log
  })
  const keys = providerKeys.forProvider('openai')
  const emitters = new Set<IpcEmit>()
  const observers = new Set<(activity: CoreActivity) => void>()
  const rawHotkey = deps.hotkey ?? offHotkeyProvider()
  const desktop = deps.desktop ?? noDesktopServices()

  const readSettings = async (): Promise<Settings> => (await settings.get()).settings
  const assistants = createAssistantsStore({
    dir: deps.userDataDir,
    readSettings,
    platform: deps.platform ?? process.platform
  })
  const unsubscribeAssistants = assistants.onChange((reply) =>
    broadcast({ channel: 'assistants.updated', payload: reply })
  )
  // Each assistant's own hotkey talks to it; the Settings hotkey to the active one.
  const followed = followAssistantHotkeys({
    hotkey: rawHotkey,
    assistants,
    readSettingsHotkey: async () => (await readSettings()).hotkey,
    platform: deps.platform ?? process.platform,
    log
  })
  const hotkey = followed.hotkey
  const history: HistoryService = new HistoryService({
    dataDir: deps.userDataDir,
    cipher: deps.cipher,
    readSettings,
    log,
    onChanged: (status) => broadcast({ channel: 'history.changed', payload: status }),
    startSession: (seed): Promise<void> => sessions.active.session.continueConversation(seed)
  })
  const screen = new ScreenLook({
    sendImage: (dataUrl) => sessions.active.session.sendImage(dataUrl),
    broadcast: (message) => broadcast(message),
    hasWindow: () => emitters.size > 0,
    log
  })
  const tools = new ToolRuntime({
    dataDir: deps.userDataDir,
    services: deps.toolServices ?? unavailableToolServices('this host'),
    extraTools: [lookAtScreenTool(screen)],
    log,
    broadcast: (message) => broadcast(message),
    resolvePath: deps.resolvePath ?? (() => resolveLoginShellPath(deps.env)),
    ...(deps.approvalTimeoutMs !== undefined ? { approvalTimeoutMs: deps.approvalTimeoutMs } : {})
  })
  void tools.start()

  const engines = createEngineChoice({
    env: deps.env,
    readKey: () => keys.read(),
    log,
    delegationHandler: createLiveDelegationHandler(tools.host),
    isMicMuted: () => talk.isMuted(),
    budget: {
      connectRefusal: () => spend.liveConnectRefusal(),
      costChanged: () => spend.liveCostChanged()
    }
  })
  const spend: SpendService = new SpendService({
    ledger: new SpendLedger({ dir: deps.userDataDir, log }),
    readSettings,
    broadcast: (status) => broadcast({ channel: 'spend.changed', payload: status }),
    session: () => sessions.active.session,
    // The budget's GPT-Live hold connects and ends the active assistant's session.
    live: {
      engines,
      connect: () => sessions.active.session.start(),
      disconnect: () => sessions.active.session.stop()
    },
    log
  })
  // One session per connected assistant (issue 14), each reading its own settings and key.
  const sessions: AssistantSessions = new AssistantSessions({
    store: assistants,
    log,
    createUnit: (assistantId) =>
      createAssistantUnit(assistantId, {
        env: deps.env,
        log,
        beforeUserMessage: () => screen.sendPendingWithMessage(),
        readSettings,
        readAssistants: async () => (await assistants.get()).file,
        readKey: (provider) => providerKeys.forProvider(provider).read(),
        createController: (config, assistantId) => {
          if (deps.createController) return deps.createController(config)
          // The assistant's own tool policies win over the global ones, for its session only.
          const policies = sessions.toolPoliciesOf(assistantId)
          const controller = new RealtimeController(config, {
            tools: tools.sdkTools(policies),
            approveTool: tools.decideFor(assistantId, policies),
            log
          })
          tools.attachController(controller, policies)
          return controller
        },
        onEvent: (event, assistantId) => {
          // Saved before it is shown: a kill right after a caption appears keeps that item.
          history.onEvent(event, assistantId)
          if (event.type === 'status')
            updates.noteConnection(sessions.liveExcept(assistantId) ? 'connected' : event.status)
          if (event.type === 'status' && event.status !== 'connected')
            tools.sessionEnded(assistantId)
          spend.onEvent(event, assistantId)
          // Hands-free: the user began the next message, so a kept screen look goes just before it.
          if (event.type === 'speech_started') screen.sendPendingWithMessage()
          if (event.type === 'audio') sessions.noteItem(event.itemId, assistantId)
          broadcast(tagMessage(toIpcEvent(event), assistantId))
        },
        onConversationStart: (assistantId, { settings: current, seed }): Promise<void> =>
          history.conversationStarted(current, seed, assistantId),
        chooseEngine: engines.choose,
        onAudioSent: (assistantId, pcm) => {
          if (history.recordsAudioOf(assistantId)) history.recording.sent(pcm)
        },
        onPlayback: (assistantId, itemId, playedMs, final) => {
          if (history.recordsAudioOf(assistantId)) history.recording.played(itemId, playedMs, final)
        },
        responseGate: spend,
        emit: (message) => broadcast(message)
      })
  })
  history.open().catch((error: unknown) =>
    log('warn', 'history: could not open', {
      error: error instanceof Error ? error.name : 'unknown'
    })
  )

  function notify(activity: CoreActivity): void {
    for (const observer of observers) {
      try {
        observer(activity)
      } catch (error) {
        log('warn', 'core: activity observer failed', { error: String(error) })
      }
    }
  }

  function broadcast(message: IpcMessage): void {
    // The tray and the overlay follow the active assistant (issue 14).
    if (!fromOtherAssistant(message, sessions.activeId)) notify(message)
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
  const updates: UpdateService = new UpdateService({
    port: deps.updater ?? null,
    checksEnabled: async () => (await readSettings()).updateChecks,
    onChange: (status) => broadcast({ channel: 'update.statusChanged', payload: status }),
    log
  })
  updates.start()
  const talk = createTalkControls({
    emit: (message) => {
      if (message.channel === 'mic.muteChanged') engines.setMicMuted(message.payload.muted)
      broadcast(message)
    },
    cancelTurn: () => sessions.cancelTurn(),
    endTurn: () => sessions.releaseFromMain(),
    log
  })
  const inputLevel = createInputLevelMeter((rms) =>
    broadcast({ channel: 'capture.level', payload: { rms } })
  )
  // Key-up commits here; the other hotkey events drive the window, where the microphone is.
  const unsubscribeHotkey = hotkey.subscribe((event) => {
    if (event.type === 'talkStart') sessions.hotkeyPressed(event.assistantId)
    if (event.type === 'talkEnd') sessions.releaseFromMain()
    else broadcast(hotkeyMessage(event))
  })
  const unsubscribeWake = deps.wakeSignals?.((cause) => {
    for (const unit of sessions.units().values()) unit.session.checkConnection(cause)
  })
  void settings.get().then(
    (reply) => {
      // Re-applied at every start so the login item follows the app if it was moved or updated.
      if (reply.settings.launchAtLogin && desktop.capabilities().launchAtLogin.available)
        desktop
          .applyLaunchAtLogin(true)
          .catch((error: unknown) =>
            log('warn', 'launch at login could not be renewed', { error: String(error) })
          )
      return hotkey.configure(reply.settings.hotkey)
    },
    () => undefined
  )

  // A press does what the tray's Look at my screen does.
  const screenHotkey = createScreenHotkeySetting({
    port: deps.screenHotkey,
    onPress: () => screen.requestAttach(),
    settings,
    assistants,
    platform: deps.platform ?? process.platform,
    log
  })
  void settings.get().then(
    (reply) => screenHotkey.start(reply.settings),
    () => undefined
  )

  const router = createRouter({
    session: sessions.router,
    history,
    settings,
    keys,
    hotkey,
    talk,
    desktop,
    ...(deps.endpoints ? { endpoints: deps.endpoints } : {}),
    tools: tools.handlers,
    spend,
    screen: screenHandlers(screen),
    onSend: (channel, value) => {
      if (OBSERVED_SENDS.has(channel)) notify({ channel, payload: value } as CoreActivity)
      if (channel === 'audio.append') inputLevel.onChunk(value as Uint8Array)
    },
    platform: deps.platform ?? process.platform,
    log,
    providerKeys,
    updates,
    assistants,
    screenHotkey,
    subscribe: (emit: <C extends EventChannel>(channel: C, payload: EventPayload<C>) => void) => {
      emitters.add(emit)
      return () => {
        emitters.delete(emit)
      }
    },
    dispose: async () => {
      unsubscribeHotkey()
      unsubscribeWake?.()
      unsubscribeAssistants()
      followed.dispose()
      updates.stop()
      emitters.clear()
      observers.clear()
      screen.dispose()
      await sessions.dispose()
      history.recording.end()
      await tools.dispose()
      // Last: stopping the sessions can count one more cost, and an atomic write cut short by
      // the exit would leave the previous spend.json.
      await spend.flushed()
    }
  })

  return {
    ...router,
    updates,
    talk: {
      isMuted: () => talk.isMuted(),
      setMuted: (muted) => talk.setMuted(muted),
      toggleTalk: () => talk.toggleTalk()
    },
    screen: { requestAttach: () => screen.requestAttach() },
    assistants,
    observe(listener) {
      observers.add(listener)
      return () => {
        observers.delete(listener)
      }
    }
  }
}
