// Builds the renderer bundle the browser host serves (out/renderer), so the tests always run
// the current renderer. HARK_E2E_NO_BUILD=1 skips it (for a bundle built just before).
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { build } from 'vite'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const rendererDir = resolve(root, 'out/renderer')

export default async function globalSetup(): Promise<void> {
  if (process.env.HARK_E2E_NO_BUILD === '1') return
  await build({
    root: resolve(root, 'src/renderer'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: rendererDir, emptyOutDir: true }
  })
}
