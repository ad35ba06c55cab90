// The built-in tools' desktop services in Electron: the system clipboard and the default browser.
import { clipboard, shell } from 'electron'
import { httpsUrlProblem } from '../tools/builtin-tools'
import type { DesktopToolServices } from '../tools/desktop-tool-services'

export function createElectronToolServices(): DesktopToolServices {
  return {
    readClipboardText: () => Promise.resolve(clipboard.readText()),
    writeClipboardText: (text) => {
      clipboard.writeText(text)
      return Promise.resolve()
    },
    openExternal: (url) => {
      // Checked again here: only https ever reaches the shell, whoever calls.
      const problem = httpsUrlProblem(url)
      return problem === null ? shell.openExternal(url) : Promise.reject(new Error(problem))
    }
  }
}
