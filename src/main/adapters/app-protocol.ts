// The app:// scheme the built renderer is served from, instead of file://: a standard, secure
// scheme gives the page a real origin (app://hark) for ES modules, the AudioWorklet and the CSP's
// 'self', so the grantFileProtocolExtraPrivileges fuse can stay off (docs/security.md). Files
// come only from the renderer folder, by real path (src/main/security/renderer-files.ts).
import { protocol } from 'electron'
import { answerRendererRequest } from '../security/renderer-files'
import { APP_HOST, APP_SCHEME } from '../security/policy'

/** Must run before the app is ready (Electron reads privileged schemes at startup). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true }
    }
  ])
}

/** After ready: answer app://hark/… from the renderer folder. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => answerRendererRequest(request, rendererDir, APP_HOST))
}
