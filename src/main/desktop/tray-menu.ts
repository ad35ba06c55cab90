// The tray's menu as data: the adapter turns it into an Electron Menu, tests read it directly.
import type { TrayAssistantChoice } from './tray-assistants'

export type TrayAction =
  'answer' | 'talk' | 'look' | 'open' | 'mute' | 'restartToUpdate' | 'quit' | 'assistant'

export interface TrayMenuItem {
  action: TrayAction
  label: string
  enabled: boolean
  /** Present for the checkbox item (Mute microphone). */
  checked?: boolean
  /** Present for the Assistant submenu: its radio items (picking one switches to it). */
  choices?: readonly TrayAssistantChoice[]
}

export interface TrayMenuState {
  inTurn: boolean
  muted: boolean
  /** A downloaded update's version: the menu offers to restart into it (issue 14). */
  updateReady?: string | null
  /** The tool waiting longest for the user's answer; null or absent when none waits. */
  waitingTool?: string | null
  /** The Assistant submenu's items (tray-assistants.ts); none or empty: no submenu. */
  assistants?: readonly TrayAssistantChoice[]
}

export function trayMenu(state: TrayMenuState): TrayMenuItem[] {
  const update: TrayMenuItem[] = state.updateReady
    ? [
        {
          action: 'restartToUpdate',
          label: `Restart to update (${state.updateReady})`,
          enabled: true
        }
      ]
    : []
  const waiting = state.waitingTool ?? null
  return [
    // Answered only in the window, on its approval card: this item opens it.
    ...(waiting === null
      ? []
      : [
          {
            action: 'answer' as const,
            label: `Waiting: allow ${waiting}? Open Hark…`,
            enabled: true
          }
        ]),
    {
      action: 'talk',
      // The same toggle as the hotkey's press-to-start, press-to-stop mode.
      label: state.inTurn ? 'Stop talking' : 'Talk',
      enabled: !state.muted
    },
    // The window captures; the look waits above the message box for the next message.
    { action: 'look', label: 'Look at my screen', enabled: true },
    { action: 'open', label: 'Open Hark', enabled: true },
    ...(state.assistants && state.assistants.length > 0
      ? [
          {
            action: 'assistant' as const,
            label: 'Assistant',
            enabled: true,
            choices: state.assistants
          }
        ]
      : []),
    { action: 'mute', label: 'Mute microphone', enabled: true, checked: state.muted },
    ...update,
    { action: 'quit', label: 'Quit Hark', enabled: true }
  ]
}
