// The desktop extras as the browser host shows them: launch at login and the logs folder are the
// installed app's, so the settings say why they are unavailable; the microphone mute (the tray's
// checkbox in the desktop app) closes the microphone in the page and is enforced again in main's
// core (unit-tested in talk-controls), so a muted Hold to talk sends nothing.
import type { Page } from '@playwright/test'
import { BROWSER_DESKTOP_REASON } from '../src/main/app/desktop-services'
import { connect, enterKey, FAKE_API_KEY, test, expect } from './fixtures'
import type { PageGlobals } from './page-globals'

async function holdToTalk(page: Page, ms: number): Promise<void> {
  await page.getByRole('button', { name: 'Hold to talk' }).hover()
  await page.mouse.down()
  await page.waitForTimeout(ms)
  await page.mouse.up()
}

test('settings offer no launch at login and no logs folder in the browser, saying why', async ({
  app
}) => {
  await enterKey(app, FAKE_API_KEY)
  await app.getByRole('button', { name: 'Settings' }).click()
  const launch = app.getByRole('checkbox', { name: 'Launch at login' })
  await expect(launch).toBeVisible()
  await expect(launch).toBeDisabled()
  await expect(launch).not.toBeChecked()
  await expect(app.getByText(BROWSER_DESKTOP_REASON)).toBeVisible()
  await expect(app.getByText(/writes its log to the terminal/)).toBeVisible()
  await expect(app.getByRole('button', { name: 'Open logs folder' })).toHaveCount(0)
  // The rest of the form still saves.
  await app.getByRole('button', { name: 'Save settings' }).click()
  await expect(app.getByText('Saved.')).toBeVisible()
})

test('a muted microphone sends nothing, and the window says so until unmuted', async ({
  app,
  fake,
  host
}) => {
  await enterKey(app, FAKE_API_KEY)
  // "Keep the microphone ready" keeps it open while connected (by default it opens on a press).
  await app.getByRole('button', { name: 'Settings' }).click()
  await app.getByRole('checkbox', { name: 'Keep the microphone ready' }).check()
  await app.getByRole('button', { name: 'Save settings' }).click()
  await expect(app.getByText('Saved.')).toBeVisible()
  await connect(app)
  // The fake microphone plays speech in a loop: the meter moves while the microphone is open.
  const meter = app.getByRole('meter', { name: 'Input level' })
  await expect
    .poll(() => meter.evaluate((m) => (m as unknown as { value: number }).value))
    .toBeGreaterThan(0)
  // The tray's "Mute microphone" in the desktop app; the page asks main the same way.
  await app.evaluate(() =>
    (globalThis as unknown as PageGlobals).hark.mic.setMuted({ muted: true })
  )
  const notice = app.getByRole('status').filter({ hasText: 'Microphone muted' })
  await expect(notice).toBeVisible()

  // The microphone is closed (the system's indicator goes off), so the meter falls to zero.
  await expect.poll(() => meter.evaluate((m) => (m as unknown as { value: number }).value)).toBe(0)
  const isTalk = (o: (typeof host.observations)[number]): boolean =>
    o.kind === 'send' && (o.channel === 'audio.append' || o.channel.startsWith('ptt.'))
  const talkBefore = host.observations.filter(isTalk).length
  await holdToTalk(app, 600)
  await app.waitForTimeout(300)
  expect(host.observations.filter(isTalk).length).toBe(talkBefore)
  expect(fake.inputAudioBytes()).toBe(0)
  expect(fake.clientEvents.some((e) => e.type === 'input_audio_buffer.commit')).toBe(false)

  await notice.getByRole('button', { name: 'Unmute' }).click()
  await expect(notice).toBeHidden()
  await holdToTalk(app, 600)
  await fake.waitForClientEvent('input_audio_buffer.commit')
  expect(fake.inputAudioBytes()).toBeGreaterThan(0)
})
