// The desktop app's way to confirm a new endpoint host: a native dialog drawn by main, which the
// page can neither read nor click (src/main/app/endpoint-guard.ts, docs/security.md).
import { dialog, type BrowserWindow } from 'electron'
import type { EndpointConfirmer } from '../app/endpoint-guard'

export function createEndpointDialog(parent: () => BrowserWindow | null): EndpointConfirmer {
  return {
    unavailableReason: null,
    async confirm(host) {
      const options: Electron.MessageBoxOptions = {
        type: 'warning',
        title: 'Hark',
        message: `Send your OpenAI API key to ${host}?`,
        detail:
          'Hark connects with your API key in every request. Choose "Use this endpoint" only if you trust this server (for example your own proxy or Azure OpenAI resource).',
        buttons: ['Cancel', 'Use this endpoint'],
        defaultId: 0,
        cancelId: 0,
        noLink: true
      }
      const window = parent()
      const { response } = window
        ? await dialog.showMessageBox(window, options)
        : await dialog.showMessageBox(options)
      return response === 1
    }
  }
}
