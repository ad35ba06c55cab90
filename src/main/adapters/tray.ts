// The tray (menu bar on macOS) icon: its image and hover text follow the core's activity through
// the pure tray-state model; its menu is tray-menu's, acted on here.
import { join } from 'node:path'
import { Menu, nativeImage, Tray, type NativeImage } from 'electron'
import type { HarkCore } from '../app/hark-main'
import type { RealtimeLog } from '../realtime/event-bus'
import { trayIconFileName } from '../desktop/tray-icons'
import { trayMenu, type TrayAction } from '../desktop/tray-menu'
import { trayAssistantChoices, type TrayAssistantChoice } from '../desktop/tray-assistants'
import {
  initialTrayModel,
  reduceTray,
  speakingDeadline,
  trayLook,
  trayTooltip,
  waitingTool,
  type TrayLook
} from '../desktop/tray-state'

export interface HarkTray {
  destroy(): void
}

export function createHarkTray(options: {
  core: HarkCore
  iconDir: string
  platform: string
  onOpen: () => void
  onQuit: () => void
  log: RealtimeLog
}): HarkTray | null {
  const { core, iconDir, platform, log } = options
  const image = (look: TrayLook): NativeImage =>
    nativeImage.createFromPath(join(iconDir, trayIconFileName(look, platform)))

  let tray: Tray
  try {
    tray = new Tray(image('idle'))
  } catch (error) {
    // No tray on this system: the window stays the way in (see desktop/close-policy.ts).
    log('warn', 'tray: cannot be created', { error: String(error) })
    return null
  }

  let model = { ...initialTrayModel, muted: core.talk.isMuted() }
  let shown: {
    look: TrayLook
    inTurn: boolean
    muted: boolean
    tooltip: string
    updateReady: string | null
    waiting: string | null
    assistants: readonly TrayAssistantChoice[]
  } | null = null
  // Set from the assistants store at start and on every change (an edit, a switch from anywhere).
  let assistants: readonly TrayAssistantChoice[] = []
  let expiry: ReturnType<typeof setTimeout> | null = null

  const act = (action: TrayAction): void => {
    switch (action) {
      case 'answer':
        return options.onOpen()
      case 'talk':
        return core.talk.toggleTalk()
      case 'look':
        return core.screen.requestAttach()
      case 'open':
        return options.onOpen()
      case 'mute':
        return core.talk.setMuted(!core.talk.isMuted())
      case 'restartToUpdate':
        return core.updates.installNow()
      case 'quit':
        return options.onQuit()
      case 'assistant':
        return // The submenu's holder; its radio items act (switchAssistant).
    }
  }
  // Through the store's switch: its change listener tells the window and this menu.
  const switchAssistant = (id: string): void => {
    core.assistants.switchTo(id).catch((error: unknown) =>
      log('warn', 'tray: could not switch the assistant', {
        error: error instanceof Error ? error.message : String(error)
      })
    )
  }

  const render = (): void => {
    const now = Date.now()
    const look = trayLook(model, now)
    const tooltip = trayTooltip(model, now)
    // Audio arrives 50 times a second: touch the native tray only when something visible changed.
    if (shown?.look !== look) tray.setImage(image(look))
    if (shown?.tooltip !== tooltip) tray.setToolTip(tooltip)
    const updateReady = model.updateReady ?? null
    const waiting = waitingTool(model)
    if (
      shown?.inTurn !== model.inTurn ||
      shown.muted !== model.muted ||
      shown.updateReady !== updateReady ||
      shown.waiting !== waiting ||
      shown.assistants !== assistants
    ) {
      const items = trayMenu({
        inTurn: model.inTurn,
        muted: model.muted,
        updateReady,
        waitingTool: waiting,
        assistants
      })
      tray.setContextMenu(
        Menu.buildFromTemplate(
          items.map((item) => ({
            label: item.label,
            enabled: item.enabled,
            ...(item.checked === undefined ? {} : { type: 'checkbox', checked: item.checked }),
            ...(item.choices === undefined
              ? { click: () => act(item.action) }
              : {
                  submenu: item.choices.map((choice) => ({
                    label: choice.label,
                    type: 'radio' as const,
                    checked: choice.checked,
                    click: () => switchAssistant(choice.id)
                  }))
                })
          }))
        )
      )
    }
    shown = {
      look,
      inTurn: model.inTurn,
      muted: model.muted,
      tooltip,
      updateReady,
      waiting,
      assistants
    }
    // "Speaking" ends by itself at its deadline if the renderer never reports the end.
    if (expiry !== null) clearTimeout(expiry)
    const deadline = speakingDeadline(model)
    expiry = deadline === null ? null : setTimeout(render, Math.max(0, deadline - now) + 10)
  }

  const unsubscribe = core.observe((activity) => {
    model = reduceTray(model, activity, Date.now())
    render()
  })
  const showAssistants = (file: Parameters<typeof trayAssistantChoices>[0]): void => {
    assistants = trayAssistantChoices(file)
    render()
  }
  const unsubscribeAssistants = core.assistants.onChange(({ file }) => showAssistants(file))
  core.assistants.get().then(
    ({ file }) => showAssistants(file),
    (error: unknown) => log('warn', 'tray: could not read the assistants', { error: String(error) })
  )
  // Windows opens the window on a left click; macOS and Linux show the menu.
  tray.on('click', () => {
    if (platform === 'win32') options.onOpen()
  })
  render()

  return {
    destroy() {
      unsubscribe()
      unsubscribeAssistants()
      if (expiry !== null) clearTimeout(expiry)
      tray.destroy()
    }
  }
}
