// The main-process core for the browser host: `createHarkMain` with a cipher that honestly says
// there is no secure storage, so a key set in the page is kept in memory for this run only.
import { createHarkMain, type IpcRouter } from '../main/app/hark-main'
import { noKeyStoreCipher } from '../main/storage/no-key-store'
import { unavailableToolServices } from '../main/tools/desktop-tool-services'

/** No secure storage in the browser host: a key file here would be plain text in disguise. */
export const runOnlyCipher = noKeyStoreCipher('The browser host has no secure storage.')

export function createWebCore(userDataDir: string, env: NodeJS.ProcessEnv): IpcRouter {
  // The page's clipboard and links belong to the browser, not to this Node process.
  return createHarkMain({
    userDataDir,
    env,
    cipher: runOnlyCipher,
    toolServices: unavailableToolServices('the browser host')
  })
}
