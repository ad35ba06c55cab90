// The desktop's global hotkey as a HotkeyProvider: picks uiohook (hold-to-talk) or globalShortcut
// (toggle) through createHotkeyService, restarts on a new hotkey setting, and turns the service's
// callbacks into talk events for the renderer, which owns the microphone (docs/architecture.md, "Audio path").
import { systemPreferences } from 'electron'
import type { HotkeyStatusInfo } from '../../shared/ipc'
import type { AssistantHotkey, HotkeyEvent, HotkeyProvider } from '../app/hotkey-provider'
import { acceleratorProblem } from '../hotkey/accelerator'
import { createHotkeyService, systemClock, type HotkeyService } from '../hotkey/hotkey-service'
import type { RealtimeLog } from '../realtime/event-bus'
import { createGlobalShortcutBackend } from './hotkey-global-shortcut'
import { loadUiohookBackend } from './hotkey-uiohook'
import { shareKeyHook, type SharedKeyHook } from '../hotkey/shared-key-hook'

export interface DesktopHotkeyProvider extends HotkeyProvider {
  stop(): void
}

export function createDesktopHotkeyProvider(deps: {
  platform: string
  env: Readonly<Record<string, string | undefined>>
  log: RealtimeLog
}): DesktopHotkeyProvider {
  const { platform, env, log } = deps
  const listeners = new Set<(event: HotkeyEvent) => void>()
  const emit = (event: HotkeyEvent): void => {
    for (const listener of listeners) listener(event)
  }
  let service: HotkeyService | null = null
  let current: HotkeyStatusInfo = {
    mode: 'off',
    backend: 'none',
    hotkey: '',
    reason: 'The global hotkey is starting.'
  }
  // Settings changes can overlap; only the newest configure may install its service.
  let generation = 0
  // One native hook for the Settings hotkey and the assistants' own (issue 14): stopping one
  // service must not take the hook's listeners from the others. Remade if the trust changes.
  let shared: { trusted: boolean | undefined; hook: SharedKeyHook } | undefined
  const sharedHook = (accessibilityTrusted: boolean | undefined): SharedKeyHook => {
    if (shared?.trusted !== accessibilityTrusted || !shared)
      shared = {
        trusted: accessibilityTrusted,
        hook: shareKeyHook(() =>
          loadUiohookBackend(systemClock, { platform, env, accessibilityTrusted })
        )
      }
    return shared.hook
  }
  let assistantServices: HotkeyService[] = []
  let assistantGeneration = 0

  const setStatus = (status: HotkeyStatusInfo): void => {
    current = status
    log('info', 'hotkey: status', { ...status })
    emit({ type: 'status', status })
  }

  const stop = (): void => {
    service?.stop()
    service = null
  }

  const configure = async (hotkey: string): Promise<void> => {
    const mine = ++generation
    stop()
    const problem = acceleratorProblem(hotkey, platform)
    if (problem !== null) {
      setStatus({ mode: 'off', backend: 'none', hotkey, reason: `${problem} Fix it in Settings.` })
      return
    }
    // Asked without prompting: the hook aborts the whole app on macOS without this permission.
    const accessibilityTrusted =
      platform === 'darwin' ? systemPreferences.isTrustedAccessibilityClient(false) : undefined
    const build = (withHook: boolean): Promise<HotkeyService> =>
      createHotkeyService({
        hotkey,
        platform,
        env,
        accessibilityTrusted,
        loadHookBackend: () =>
          withHook ? sharedHook(accessibilityTrusted).view() : Promise.resolve(null),
        createShortcutBackend: (accelerator) =>
          createGlobalShortcutBackend(accelerator, systemClock),
        clock: systemClock,
        callbacks: {
          onTalkStart: () => emit({ type: 'talkStart' }),
          onTalkEnd: () => emit({ type: 'talkEnd' }),
          onTalkCancel: () => emit({ type: 'talkCancel' }),
          onError: (error) => log('warn', 'hotkey: callback failed', { error: String(error) })
        }
      })
    try {
      let next = await build(true)
      if (mine !== generation) return
      service = next
      const planned = next.status().backend
      let status = await next.start()
      if (mine === generation && planned === 'uiohook' && status.mode === 'off') {
        // The hook loaded but would not start (the OS refused it): a toggle through
        // globalShortcut still beats no global hotkey at all.
        log('warn', 'hotkey: the keyboard hook did not start; trying globalShortcut', {
          reason: status.reason
        })
        next = await build(false)
        if (mine !== generation) return
        service = next
        status = await next.start()
      }
      if (mine !== generation) {
        next.stop()
        return
      }
      setStatus({
        mode: status.mode,
        backend: status.backend,
        hotkey: status.hotkey,
        reason: status.reason
      })
    } catch (error) {
      if (mine !== generation) return
      const why = error instanceof Error ? error.message : String(error)
      setStatus({
        mode: 'off',
        backend: 'none',
        hotkey,
        reason: `The global hotkey could not be started (${why}); use the Talk button in the window.`
      })
    }
  }

  // Each assistant's own hotkey (issue 14): its own service and hold-to-talk machine on the
  // shared hook (or a globalShortcut toggle where there is no hook), talking to that assistant.
  const configureAssistants = async (bindings: readonly AssistantHotkey[]): Promise<void> => {
    const mine = ++assistantGeneration
    for (const service of assistantServices) service.stop()
    assistantServices = []
    const accessibilityTrusted =
      platform === 'darwin' ? systemPreferences.isTrustedAccessibilityClient(false) : undefined
    for (const { assistantId, hotkey } of bindings) {
      const talk = (type: 'talkStart' | 'talkEnd' | 'talkCancel') => (): void =>
        emit({ type, assistantId })
      try {
        const service = await createHotkeyService({
          hotkey,
          platform,
          env,
          accessibilityTrusted,
          loadHookBackend: () => sharedHook(accessibilityTrusted).view(),
          createShortcutBackend: (accelerator) =>
            createGlobalShortcutBackend(accelerator, systemClock),
          clock: systemClock,
          callbacks: {
            onTalkStart: talk('talkStart'),
            onTalkEnd: talk('talkEnd'),
            onTalkCancel: talk('talkCancel'),
            onError: (error) => log('warn', 'hotkey: callback failed', { error: String(error) })
          }
        })
        if (mine !== assistantGeneration) return
        const status = await service.start()
        assistantServices.push(service)
        log('info', 'hotkey: an assistant’s hotkey', { mode: status.mode, backend: status.backend })
      } catch (error) {
        log('warn', 'hotkey: an assistant’s hotkey could not start', { error: String(error) })
      }
    }
  }

  return {
    configureAssistants,
    status: () => ({ ...current }),
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    configure,
    stop() {
      generation++
      stop()
      assistantGeneration++
      for (const service of assistantServices) service.stop()
      assistantServices = []
    }
  }
}
