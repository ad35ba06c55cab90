// Push-to-talk in the real renderer: Chromium's fake microphone plays an espeak-ng sentence, the
// page streams it while "Hold to talk" is held, and the release commits the turn at once. Also:
// holding the button during a reply barges in at the played position, and a denied microphone
// explains itself instead of leaving a dead button.
import type { LaunchOptions, Page } from '@playwright/test'
import { bytesAsPcm16, pcm16Rms, pcmBytesToMs } from '../src/shared/pcm'
import { makeFakeMicWav } from '../test/fixtures/fake-mic-wav'
import { FAKE_API_KEY, connect, enterKey, expect, playedFrames, test } from './fixtures'

/** One render quantum: the tolerance between what was played and what is reported. */
const QUANTUM = 128
const HOLD_MS = 2000
/** The held time and the audio the server got may differ by this much (docs/architecture.md, "Audio path"). */
const DURATION_TOLERANCE_MS = 300

const withArgs = (options: LaunchOptions, change: (args: string[]) => string[]): LaunchOptions => ({
  ...options,
  args: change([...(options.args ?? [])])
})

// The fake microphone's file is a browser launch argument, so these fixtures change the launch
// (worker-scoped) while keeping the config's other arguments.
const speechTest = test.extend<object, { speechWav: string }>({
  // eslint-disable-next-line no-empty-pattern
  speechWav: [async ({}, use) => use(makeFakeMicWav('ptt-speech')), { scope: 'worker' }],
  launchOptions: [
    async ({ launchOptions, speechWav }, use) =>
      use(
        withArgs(launchOptions, (args) => [
          ...args,
          `--use-file-for-fake-audio-capture=${speechWav}`
        ])
      ),
    { scope: 'worker' }
  ]
})

// Without the fake permission UI and with prompts denied, getUserMedia rejects: NotAllowedError.
const deniedTest = test.extend({
  launchOptions: [
    async ({ launchOptions }, use) =>
      use(
        withArgs(launchOptions, (args) => [
          ...args.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
          '--deny-permission-prompts'
        ])
      ),
    { scope: 'worker' }
  ]
})

async function pressButton(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hold to talk' }).hover()
  await page.mouse.down()
}

speechTest(
  'holding "Hold to talk" streams the speech, commits on release and barges in on the reply',
  async ({ app, fake, host }) => {
    const pttTimesMs: { channel: string; atMs: number }[] = []
    host.observe((o) => {
      if (o.kind === 'send' && (o.channel === 'ptt.down' || o.channel === 'ptt.up'))
        pttTimesMs.push({ channel: o.channel, atMs: performance.now() })
    })
    await enterKey(app, FAKE_API_KEY)
    await connect(app)
    // The microphone is closed until the press (the system's indicator off), so the meter rests.
    const meter = app.getByRole('meter', { name: 'Input level' })
    const level = async (): Promise<number> => Number(await meter.getAttribute('value'))
    await app.waitForTimeout(300)
    expect(await level()).toBe(0)

    await pressButton(app)
    await expect.poll(level).toBeGreaterThan(0)
    await expect
      .poll(() => pcmBytesToMs(fake.inputAudioBytes()), { intervals: [20] })
      .toBeGreaterThanOrEqual(HOLD_MS - 200)
    await app.mouse.up()
    const commit = await fake.waitForClientEvent('input_audio_buffer.commit')
    const create = await fake.waitForClientEvent('response.create')
    expect(create.receivedAtMs).toBeGreaterThanOrEqual(commit.receivedAtMs)
    // Released: the microphone closes again.
    await expect.poll(level).toBe(0)

    const [down, up] = pttTimesMs
    expect([down?.channel, up?.channel]).toEqual(['ptt.down', 'ptt.up'])
    const heldMs = (up?.atMs ?? 0) - (down?.atMs ?? 0)
    const audio = fake.inputAudio(0)
    const receivedMs = pcmBytesToMs(audio.byteLength)
    // Chromium's echo cancellation, noise suppression and gain control stay on (the app's
    // defaults; there is no setting to turn them off), so compare loosely: duration and speech.
    const rms = pcm16Rms(bytesAsPcm16(audio))
    test.info().annotations.push({
      type: 'capture',
      description: `held ${heldMs.toFixed(0)} ms, received ${receivedMs.toFixed(0)} ms, RMS ${rms.toFixed(3)}`
    })
    expect(Math.abs(receivedMs - heldMs)).toBeLessThanOrEqual(DURATION_TOLERANCE_MS)
    expect(rms).toBeGreaterThan(0.01)

    const [response] = await fake.waitForResponses(1)
    await expect.poll(() => response?.itemId ?? null).not.toBeNull()
    const itemId = response?.itemId ?? ''
    await expect.poll(() => playedFrames(host, itemId)).toBeGreaterThan(12_000)

    await pressButton(app)
    const truncate = await fake.waitForClientEvent('conversation.item.truncate')
    await app.mouse.up()
    expect(truncate.event.item_id).toBe(itemId)
    const audioEndMs = truncate.event.audio_end_ms as number
    const heard = playedFrames(host, itemId)
    test.info().annotations.push({
      type: 'barge-in',
      description: `audio_end_ms ${audioEndMs} (${audioEndMs * 24} frames), played ${heard} frames`
    })
    expect(Math.abs(audioEndMs * 24 - heard)).toBeLessThanOrEqual(QUANTUM)
    await expect(app.locator(`li[data-item-id="${itemId}"]`)).toContainText('interrupted')
  }
)

speechTest(
  'Space talks while the window has focus, ignores key repeat and typing',
  async ({ app, fake, host }) => {
    const pttSends = (): string[] =>
      host.observations.flatMap((o) =>
        o.kind === 'send' && o.channel.startsWith('ptt.') ? [o.channel] : []
      )
    await enterKey(app, FAKE_API_KEY)
    await connect(app)
    // The browser has no global hotkey, and the line near the button says how to talk instead.
    await expect(app.getByLabel('Global hotkey')).toHaveText(/in the browser, hold “Hold to talk”/)
    const messageBox = app.getByRole('textbox', { name: 'Message' })
    await messageBox.fill('')
    await messageBox.pressSequentially('a b')
    await expect(messageBox).toHaveValue('a b')
    expect(pttSends()).toEqual([])

    await messageBox.blur()
    // A held key repeats keydown; only the first one may start the turn.
    await app.keyboard.down('Space')
    await app.keyboard.down('Space')
    await app.keyboard.down('Space')
    await expect.poll(() => pcmBytesToMs(fake.inputAudioBytes())).toBeGreaterThanOrEqual(500)
    await app.keyboard.up('Space')
    await fake.waitForClientEvent('response.create')
    expect(pttSends()).toEqual(['ptt.down', 'ptt.up'])
    await expect(messageBox).toHaveValue('a b')
  }
)

deniedTest(
  'a denied microphone is explained, and pressing again explains it again',
  async ({ app }) => {
    await enterKey(app, FAKE_API_KEY)
    await connect(app)
    // The microphone opens on the press, so that is when the refusal shows.
    await pressButton(app)
    await app.mouse.up()
    const message = app.getByRole('alert').filter({ hasText: 'not allowed to use the microphone' })
    await expect(message).toBeVisible()

    // Pressing retries and explains again (a fresh alert), never a dead button.
    const button = app.getByRole('button', { name: 'Hold to talk' })
    await expect(button).toBeEnabled()
    const first = await message.elementHandle()
    await pressButton(app)
    await app.mouse.up()
    await expect
      .poll(() => first?.evaluate((element: { isConnected: boolean }) => element.isConnected))
      .toBe(false)
    await expect(message).toBeVisible()
  }
)
