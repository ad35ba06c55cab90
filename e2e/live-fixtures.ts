// GPT-Live in the browser host: Chromium's fake microphone playing a spoken question, the fake
// GPT-Live server beside the fake Realtime one, and GPT-Live chosen in Settings, hands-free.
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { startFakeLiveServer, type FakeLiveServer } from '../test/fake-live/index'
import { fakeMicrophone, type FakeMicrophoneWorker } from './fake-microphone'
import { FAKE_API_KEY, enterKey, expect, test } from './fixtures'

const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results/fixtures')

/** A question, then 3 s of silence (the fake ends a turn after 500 ms); Chromium loops it. */
function makeQuestionWav(): string {
  mkdirSync(fixturesDir, { recursive: true })
  const raw = resolve(fixturesDir, 'live-question-raw.wav')
  const wav = resolve(fixturesDir, 'live-question-48k.wav')
  execFileSync('espeak-ng', ['-w', raw, 'What is the weather like in Lisbon today?'])
  execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', wav, 'pad', '0', '3'])
  return wav
}

export const liveTest = test.extend<{ fakeLive: FakeLiveServer }, FakeMicrophoneWorker>({
  ...fakeMicrophone(makeQuestionWav),
  // eslint-disable-next-line no-empty-pattern
  fakeLive: async ({}, use) => {
    const server = await startFakeLiveServer({ speed: 4 })
    await use(server)
    await server.close().catch(() => undefined)
  },
  coreEnv: async ({ fake, fakeLive }, use) => {
    await use({ OPENAI_REALTIME_URL: fake.url, OPENAI_LIVE_URL: fakeLive.url })
  }
})

/** Settings → GPT-Live, hands-free; `inSettings` does more there before Save settings. */
export async function chooseLiveHandsFree(
  app: Page,
  inSettings: (app: Page) => Promise<void> = () => Promise.resolve()
): Promise<void> {
  await enterKey(app, FAKE_API_KEY)
  await app.getByRole('button', { name: 'Settings' }).click()
  await app.getByRole('radio', { name: /^GPT-Live/ }).check()
  await expect(app.getByRole('combobox', { name: 'GPT-Live model' })).toHaveValue('gpt-live-1.1')
  await expect(app.getByRole('combobox', { name: 'GPT-Live voice' })).toHaveValue('marin')
  await app.getByRole('radio', { name: /Hands-free \(server VAD\)/ }).check()
  await inSettings(app)
  await app.getByRole('button', { name: 'Save settings' }).click()
  await expect(app.getByText('Saved.', { exact: true })).toBeVisible()
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
}
