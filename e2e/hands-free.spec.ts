// Hands-free in the real renderer: with server VAD chosen in Settings, the microphone streams for
// the whole session, the fake server's VAD ends the turn and answers with no key press, and
// speech during the reply interrupts it. Also: the chosen microphone (kept by name) going away
// and coming back is said to the user, without reconnecting the session.
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from '@playwright/test'
import { markEchoChecked } from './echo-checked'
import { fakeMicrophone } from './fake-microphone'
import { FAKE_API_KEY, connect, enterKey, expect, playedFrames, test } from './fixtures'

/**
 * On speech_started main flushes the renderer at once and holds the truncate until the renderer's
 * post-flush report (truncation-hold.ts), so the truncate matches what was played to within one
 * render quantum (docs/architecture.md, "Budgets"); the rest is `audio_end_ms` being whole milliseconds (< 24 frames).
 * Measured 0–16 frames (before the hold: 128–776, the last periodic report). Never ahead of it.
 */
const VAD_TRUNCATE_LAG_MAX_FRAMES = 128
const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results/fixtures')

/**
 * Speech, 1.2 s of silence (the fake VAD ends a turn after 500 ms), more speech that lands while
 * the ~2 s reply plays, then 3 s of silence. Chromium's fake capture loops the file.
 */
function makeHandsFreeWav(): string {
  mkdirSync(fixturesDir, { recursive: true })
  const path = (name: string): string => resolve(fixturesDir, name)
  const format = ['-r', '48000', '-c', '1', '-b', '16']
  execFileSync('espeak-ng', ['-w', path('hf-first-raw.wav'), 'What time is it in Tokyo?'])
  execFileSync('espeak-ng', ['-w', path('hf-second-raw.wav'), 'Wait, stop, never mind that.'])
  execFileSync('sox', [
    path('hf-first-raw.wav'),
    ...format,
    path('hf-first.wav'),
    'pad',
    '0',
    '1.2'
  ])
  execFileSync('sox', [
    path('hf-second-raw.wav'),
    ...format,
    path('hf-second.wav'),
    'pad',
    '0',
    '3'
  ])
  execFileSync('sox', [path('hf-first.wav'), path('hf-second.wav'), path('hands-free-48k.wav')])
  return path('hands-free-48k.wav')
}

const handsFreeTest = test.extend(fakeMicrophone(makeHandsFreeWav))

async function chooseSettings(page: Page, microphone?: string): Promise<void> {
  // Checked before (issue 13): the first session does not start with the echo check's probe.
  await markEchoChecked(page)
  await page.getByRole('button', { name: 'Settings' }).click()
  await page.getByRole('radio', { name: /Hands-free \(server VAD\)/ }).check()
  if (microphone) await page.getByRole('combobox', { name: 'Microphone' }).selectOption(microphone)
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Saved.')).toBeVisible()
}

handsFreeTest(
  'server VAD takes a turn with no key press, and speech during the reply interrupts it',
  async ({ app, fake, host }) => {
    await enterKey(app, FAKE_API_KEY)
    await chooseSettings(app)
    await connect(app)
    await expect(app.getByRole('status', { name: 'Microphone' })).toHaveText('Listening')

    // No commit from the client: the fake's VAD (speech_started … committed) ends the turn.
    await fake.waitForClientEvent('input_audio_buffer.append')
    const [response] = await fake.waitForResponses(1, 20_000)
    const itemId = response?.itemId ?? ''
    expect(itemId).not.toBe('')
    // The user caption of the VAD turn: the fake transcribes the committed audio.
    await expect(app.locator('li.caption--user').first()).toBeVisible()
    expect(host.observations.some((o) => o.kind === 'send' && o.channel.startsWith('ptt.'))).toBe(
      false
    )

    // The second sentence starts while the reply plays: the server's VAD interrupts it.
    const truncate = await fake.waitForClientEvent('conversation.item.truncate', undefined, 20_000)
    // A reply may be a preamble item and then the answer (seeded-preambles.ts): the item that
    // was playing is the one truncated, at its played position.
    // With a preamble the reply plays longer, and the barge-in can land on a later reply.
    const truncatedId = truncate.event.item_id as string
    const spokenItems = fake.responses.flatMap((r) => r.items.map((item) => item.itemId))
    expect(spokenItems).toContain(truncatedId)
    if (fake.responses.every((r) => r.preamble === null)) expect(truncatedId).toBe(itemId)
    await expect(app.locator(`li[data-item-id="${truncatedId}"]`)).toContainText('interrupted')
    const audioEndFrames = (truncate.event.audio_end_ms as number) * 24
    const heard = playedFrames(host, truncatedId)
    test.info().annotations.push({
      type: 'vad-barge-in',
      description: `audio_end_ms ${String(truncate.event.audio_end_ms)} (${audioEndFrames} frames), played ${heard} frames, gap ${heard - audioEndFrames}`
    })
    expect(heard).toBeGreaterThan(0)
    expect(heard - audioEndFrames).toBeGreaterThanOrEqual(0)
    expect(heard - audioEndFrames).toBeLessThanOrEqual(VAD_TRUNCATE_LAG_MAX_FRAMES)
  }
)

// The device list is faked in the page (the stub lives in this test only): a "USB Headset" that
// the test unplugs and plugs back in. Chromium's fake device does the actual capturing.
const DEVICE = 'USB Headset (fake)'
const withFakeDevice = `(() => {
  const real = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices)
  const extra = { deviceId: 'usb-headset', groupId: 'usb', kind: 'audioinput', label: ${JSON.stringify(DEVICE)}, toJSON() { return this } }
  window.__plugged = true
  navigator.mediaDevices.enumerateDevices = async () => [...(await real()), ...(window.__plugged ? [extra] : [])]
  window.__setPlugged = (plugged) => {
    window.__plugged = plugged
    navigator.mediaDevices.dispatchEvent(new Event('devicechange'))
  }
})()`

handsFreeTest(
  'the chosen microphone going away and coming back is said, without reconnecting',
  async ({ app, fake }) => {
    await app.addInitScript(withFakeDevice)
    await app.reload()
    await enterKey(app, FAKE_API_KEY)
    await chooseSettings(app, DEVICE)
    await connect(app)
    await expect.poll(() => fake.inputAudioBytes()).toBeGreaterThan(0)

    const setPlugged = (plugged: boolean): Promise<void> =>
      app.evaluate((value) => {
        ;(globalThis as unknown as { __setPlugged(p: boolean): void }).__setPlugged(value)
      }, plugged)
    await setPlugged(false)
    await expect(
      app.getByText(`Your microphone “${DEVICE}” was disconnected; using the default microphone.`)
    ).toBeVisible()
    let before = fake.inputAudioBytes()
    await expect.poll(() => fake.inputAudioBytes()).toBeGreaterThan(before)

    await setPlugged(true)
    await expect(
      app.getByText(`Your microphone “${DEVICE}” is back; using it again.`)
    ).toBeVisible()
    before = fake.inputAudioBytes()
    await expect.poll(() => fake.inputAudioBytes()).toBeGreaterThan(before)
    expect(fake.connectionCount).toBe(1)
  }
)
