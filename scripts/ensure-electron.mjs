// `npm start` needs Electron's binary. package.json's allowScripts keeps Electron's postinstall
// from running during `npm install` (so installs pass on machines without internet access), so
// fetch the binary here, on first start, with Electron's own installer.
import { existsSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const electronDir = dirname(require.resolve('electron/package.json'))
const pathFile = join(electronDir, 'path.txt')
const installed = () =>
  existsSync(pathFile) &&
  existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))

if (!installed()) {
  console.log('Hark: downloading Electron (first start only)…')
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' }
  })
  if (result.status !== 0 || !installed()) {
    console.error(
      'Hark: Electron could not be downloaded on this machine. ' +
        'Run Hark in your browser instead: npm run web'
    )
    process.exit(1)
  }
}
