// Per-test fixtures: a fresh fake Realtime server, a fresh data folder, and the browser host
// running the real core in this process, with every frame it sends to the page recorded.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Page } from '@playwright/test'
import {
  FAKE_API_KEY,
  startFakeRealtimeServer,
  type FakeRealtimeServer
} from '../test/fake-realtime/index'
import { createWebCore } from '../src/web-host/core'
import { startWebHost, type HostObservation, type WebHost } from '../src/web-host/host'

export { FAKE_API_KEY, expect }
export const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../out/renderer')
/** Replies last a couple of seconds at this speed. */
export const FAKE_SPEED = 6

export interface HarkHost extends WebHost {
  observations: HostObservation[]
  /** `playback.progress` payloads received from the page, in order. */
  progress(): { itemId: string; playedMs: number }[]
}

export interface Fixtures {
  fake: FakeRealtimeServer
  dataDir: string
  /** Environment for the core; OPENAI_REALTIME_URL points at the fake. No key by default. */
  coreEnv: NodeJS.ProcessEnv
  host: HarkHost
  app: Page
}

export const test = base.extend<Fixtures>({
  // Playwright reads fixture dependencies from the destructuring pattern; none here.
  // eslint-disable-next-line no-empty-pattern
  fake: async ({}, use) => {
    const fake = await startFakeRealtimeServer({ speed: FAKE_SPEED })
    await use(fake)
    await fake.close().catch(() => undefined)
  },
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-e2e-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  coreEnv: async ({ fake }, use) => {
    await use({ OPENAI_REALTIME_URL: fake.url })
  },
  host: async ({ dataDir, coreEnv }, use) => {
    const observations: HostObservation[] = []
    const host = await startWebHost({
      port: 0,
      rendererDir,
      router: createWebCore(dataDir, coreEnv),
      onObserve: (observation) => observations.push(observation)
    })
    const progress = (): { itemId: string; playedMs: number }[] =>
      observations.flatMap((o) =>
        o.kind === 'send' && o.channel === 'playback.progress'
          ? [o.payload as { itemId: string; playedMs: number }]
          : []
      )
    await use(Object.assign(host, { observations, progress }))
    await host.close()
  },
  app: async ({ page, host }, use) => {
    page.on('pageerror', (error) => console.error('page error:', error.message))
    // The built page ships a CSP without 'unsafe-inline' styles: anything it blocks is a bug that
    // a user would see as missing styling, so every end-to-end test checks for it.
    const cspViolations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
    })
    await page.goto(host.url)
    await use(page)
    expect(cspViolations).toEqual([])
  }
})

/** Enter a key in the onboarding form (run-only: the browser host has no secure storage). */
export async function enterKey(page: Page, key: string): Promise<void> {
  await page.getByLabel('OpenAI API key').fill(key)
  await page.getByRole('button', { name: /use key|save key/i }).click()
}

export async function connect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible()
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text)
  await page.getByRole('button', { name: 'Send', exact: true }).click()
}

/** Highest played position the page reported for an item, in frames (24 per ms). */
export function playedFrames(host: HarkHost, itemId: string): number {
  const reports = host.progress().filter((report) => report.itemId === itemId)
  return Math.round(Math.max(0, ...reports.map((report) => report.playedMs)) * 24)
}
