// Electron end-to-end (docs/architecture.md, "Testing layers": layer 5): the real app through Playwright's `_electron`.
// It needs Electron's binary, which only machines with internet access can download; elsewhere
// it skips and says why. Run `npm run build` first: it launches out/main/index.js.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron as electron, expect, test } from '@playwright/test'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const mainEntry = join(root, 'out/main/index.js')

/** Why the test cannot run here, or null when it can. */
function missingPrerequisite(): string | null {
  const require = createRequire(import.meta.url)
  const electronDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(electronDir, 'path.txt')
  // `require('electron')` would throw "Electron failed to install correctly" in this case.
  if (
    !existsSync(pathFile) ||
    !existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
  )
    return 'no Electron binary on this machine (run `node node_modules/electron/install.js` where there is internet access)'
  if (!existsSync(mainEntry)) return 'the app is not built (run `npm run build` first)'
  return null
}

test('launches, shows the Hark window and its status', async () => {
  const reason = missingPrerequisite()
  if (reason) console.log(`Skipping the Electron end-to-end test: ${reason}.`)
  test.skip(reason !== null, reason ?? '')

  // An empty key and a throwaway profile: the test must never touch a real key or real settings.
  const app = await electron.launch({
    args: [mainEntry, `--user-data-dir=${join(root, 'test-results/electron-profile')}`],
    env: { ...process.env, OPENAI_API_KEY: '', ELECTRON_RENDERER_URL: '' }
  })
  try {
    const window = await app.firstWindow()
    await expect(window).toHaveTitle('Hark')
    await expect(window.getByRole('status')).toContainText(/not connected/i)
    const exposed = await window.evaluate(() => Object.keys(globalThis).includes('hark'))
    expect(exposed).toBe(true)
    const nodeVisible = await window.evaluate(
      () => typeof (globalThis as { require?: unknown }).require
    )
    expect(nodeVisible).toBe('undefined')
  } finally {
    await app.close()
  }
})

test('closing the window keeps Hark running in the tray, with its log file written', async () => {
  const reason = missingPrerequisite()
  test.skip(reason !== null, reason ?? '')

  const app = await electron.launch({
    args: [mainEntry, `--user-data-dir=${join(root, 'test-results/electron-profile')}`],
    // KDE shows tray icons, so Linux hides the window as Windows and macOS do (close-policy.ts).
    env: {
      ...process.env,
      OPENAI_API_KEY: '',
      ELECTRON_RENDERER_URL: '',
      XDG_CURRENT_DESKTOP: 'KDE'
    }
  })
  try {
    await app.firstWindow()
    const windows = (): Promise<{ visible: boolean; destroyed: boolean }[]> =>
      app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((w) => ({
          visible: w.isVisible(),
          destroyed: w.isDestroyed()
        }))
      )
    await expect.poll(windows).toEqual([{ visible: true, destroyed: false }])
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
    await expect.poll(windows).toEqual([{ visible: false, destroyed: false }])

    const logs = await app.evaluate(({ app: electronApp }) => electronApp.getPath('logs'))
    await expect
      .poll(() =>
        existsSync(join(logs, 'main.log')) ? readFileSync(join(logs, 'main.log'), 'utf8') : ''
      )
      .toMatch(/Hark started/)
  } finally {
    await app.close()
  }
})
