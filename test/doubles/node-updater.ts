// electron-updater without Electron, for the update tests: the library's Linux (.deb) updater
// with a Node app adapter (what `app` tells it in the desktop app) and a Node HTTP executor (in
// the app, Electron's `net`). Everything between them is the library's own code: reading
// `app-update.yml`, fetching and parsing `latest-linux.yml`, the semver comparison, the
// download and its sha512 check. Installing (dpkg) and Electron's quit are not exercised.
import { request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  HttpExecutor,
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions
} from 'builder-util-runtime'
import { DebUpdater, type AppUpdater } from 'electron-updater'
import type { AppAdapter } from 'electron-updater/out/AppAdapter'

class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(
    options: RequestOptions,
    callback: (response: IncomingMessage) => void
  ): ClientRequest {
    return request(options, callback)
  }

  /**
   * What Electron's executor adds (electronHttpExecutor.js `download`), over Node's http: the
   * library's own doDownload streams the file and checks its sha512 on the way.
   */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined }
      configureRequestUrl(url, requestOptions)
      configureRequestOptions(requestOptions)
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          // Called with undefined on success, like null (electronHttpExecutor.js checks `== null`).
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null
        },
        0
      )
    })
  }
}

/** An updater for app `version`, reading the generic feed at `feedUrl` as a packaged app would. */
export async function nodeUpdater(
  dir: string,
  version: string,
  feedUrl: string
): Promise<AppUpdater> {
  await mkdir(dir, { recursive: true })
  const configPath = join(dir, 'app-update.yml')
  // What electron-builder writes into the package from `publish` (here a generic feed).
  await writeFile(
    configPath,
    `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: hark-updater-test\n`
  )
  const app: AppAdapter = {
    version,
    name: 'Hark',
    isPackaged: true,
    appUpdateConfigPath: configPath,
    userDataPath: join(dir, 'user-data'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined
  }
  const updater = new DebUpdater(undefined, app)
  // Protected in the typings; the constructor leaves it null when given an app adapter.
  ;(updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor =
    new NodeHttpExecutor()
  return updater
}
