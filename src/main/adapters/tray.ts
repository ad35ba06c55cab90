// The tray (menu bar on macOS) icon: its image and hover text follow the core's activity through
// the pure tray-state model; its menu is tray-menu's, acted on here.
import { join } from 'node:path'
import { Menu, nativeImage, Tray, type NativeImage } from 'electron'
import type { HarkCore } from '../app/hark-main'
import type { RealtimeLog } from '../realtime/event-bus'
import { trayIconFileName } from '../desktop/tray-icons'
import { trayMenu, type TrayAction } from '../desktop/tray-menu'
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
  } | null = null
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
    }
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
      shown.waiting !== waiting
    ) {
      const items = trayMenu({
        inTurn: model.inTurn,
        muted: model.muted,
        updateReady,
        waitingTool: waiting
      })
      tray.setContextMenu(
        Menu.buildFromTemplate(
          items.map((item) => ({
            label: item.label,
            enabled: item.enabled,
            ...(item.checked === undefined ? {} : { type: 'checkbox', checked: item.checked }),
            click: () => act(item.action)
          }))
        )
      )
    }
    shown = { look, inTurn: model.inTurn, muted: model.muted, tooltip, updateReady, waiting }
    // "Speaking" ends by itself at its deadline if the renderer never reports the end.
    if (expiry !== null) clearTimeout(expiry)
    const deadline = speakingDeadline(model)
    expiry = deadline === null ? null : setTimeout(render, Math.max(0, deadline - now) + 10)
  }

  const unsubscribe = core.observe((activity) => {
    model = reduceTray(model, activity, Date.now())
    render()
  })
  // Windows opens the window on a left click; macOS and Linux show the menu.
  tray.on('click', () => {
    if (platform === 'win32') options.onOpen()
  })
  render()

  return {
    destroy() {
      unsubscribe()
      if (expiry !== null) clearTimeout(expiry)
      tray.destroy()
    }
  }
}
