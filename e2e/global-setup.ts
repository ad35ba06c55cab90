// Builds the app exactly as `npm run build` does (electron-vite, same config and plugins), so the
// browser host serves the renderer users get, with its production CSP. HARK_E2E_NO_BUILD=1 skips
// it (for a bundle built just before).
import { execFileSync } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export default function globalSetup(): void {
  if (process.env.HARK_E2E_NO_BUILD === '1') return
  execFileSync(resolve(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit'
  })
}
