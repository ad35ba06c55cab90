// Renderer end-to-end tests (DESIGN.md §7, layer 3): Debian's Chromium drives the real renderer
// bundle served by the browser host (src/web-host), which runs the real core against the fake
// Realtime server. `e2e/electron/**` is the Electron layer (layer 5) with its own project.
import { defineConfig } from '@playwright/test'

// Debian's Chromium by default; HARK_CHROMIUM points elsewhere (GitHub runners, other distros).
const chromiumPath = process.env['HARK_CHROMIUM'] ?? '/usr/bin/chromium'
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required'
]

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  projects: [
    {
      name: 'chromium',
      testIgnore: 'electron/**',
      use: {
        browserName: 'chromium',
        colorScheme: 'light',
        viewport: { width: 900, height: 700 },
        launchOptions: { executablePath: chromiumPath, args: chromiumArgs }
      }
    },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts'
    }
  ]
})
