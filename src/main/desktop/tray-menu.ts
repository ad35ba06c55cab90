// The tray's menu as data: the adapter turns it into an Electron Menu, tests read it directly.
export type TrayAction = 'talk' | 'open' | 'mute' | 'restartToUpdate' | 'quit'

export interface TrayMenuItem {
  action: TrayAction
  label: string
  enabled: boolean
  /** Present for the checkbox item (Mute microphone). */
  checked?: boolean
}

export function trayMenu(state: {
  inTurn: boolean
  muted: boolean
  /** A downloaded update's version: the menu offers to restart into it (issue 14). */
  updateReady?: string | null
}): TrayMenuItem[] {
  const update: TrayMenuItem[] = state.updateReady
    ? [
        {
          action: 'restartToUpdate',
          label: `Restart to update (${state.updateReady})`,
          enabled: true
        }
      ]
    : []
  return [
    {
      action: 'talk',
      // The same toggle as the hotkey's press-to-start, press-to-stop mode.
      label: state.inTurn ? 'Stop talking' : 'Talk',
      enabled: !state.muted
    },
    { action: 'open', label: 'Open Hark', enabled: true },
    { action: 'mute', label: 'Mute microphone', enabled: true, checked: state.muted },
    ...update,
    { action: 'quit', label: 'Quit Hark', enabled: true }
  ]
}
