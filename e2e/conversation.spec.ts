// A conversation in the real renderer: captions in order, every frame the server sent heard,
// "Stop speaking" truncating at what was actually played, and the screenshot for the README.
import { mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  FAKE_API_KEY,
  connect,
  enterKey,
  expect,
  playedFrames,
  sendMessage,
  test
} from './fixtures'

/** One render quantum: the tolerance between what was played and what is reported. */
const QUANTUM = 128
// Every run writes test-results/screenshot.png; HARK_UPDATE_SCREENSHOT=1 also refreshes the
// README's copy in docs/, so ordinary test runs leave the work tree clean.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const screenshotPath = resolve(
  repoRoot,
  process.env['HARK_UPDATE_SCREENSHOT'] === '1'
    ? 'docs/screenshot.png'
    : 'test-results/screenshot.png'
)

test('captions appear in order and every frame the server sent is played', async ({
  app,
  fake,
  host
}) => {
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await sendMessage(app, 'What a lovely morning')

  const [response] = await fake.waitForResponses(1)
  if (!response?.itemId) throw new Error('the fake server sent no assistant item')
  await expect.poll(() => response.isFinished).toBe(true)
  // The answer may come as a preamble item and then the answer item (seeded-preambles.ts): one
  // caption per item, and the frames played across the items are the frames sent.
  const captions = app.getByRole('log', { name: 'Conversation' }).getByRole('listitem')
  await expect(captions).toHaveCount(1 + response.items.length)
  await expect(captions.nth(0)).toContainText('What a lovely morning')
  await expect(captions.last()).toContainText('You said: What a lovely morning')

  const sentFrames = response.audio.byteLength / 2
  const played = (): number =>
    response.items.reduce((sum, item) => sum + playedFrames(host, item.itemId), 0)
  const quantum = QUANTUM * response.items.length
  expect(sentFrames).toBeGreaterThan(24_000)
  await expect.poll(played, { timeout: 20_000 }).toBeGreaterThanOrEqual(sentFrames - quantum)
  expect(played()).toBeLessThanOrEqual(sentFrames + quantum)
  test.info().annotations.push({
    type: 'playback',
    description: `sent ${sentFrames} frames in ${response.items.length} item(s), played ${played()}`
  })

  await mkdir(dirname(screenshotPath), { recursive: true })
  await app.screenshot({ path: screenshotPath })
})

test('"Stop speaking" stops playback and truncates at the played position', async ({
  app,
  fake,
  host
}) => {
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await sendMessage(
    app,
    'Please tell me a long story about a lighthouse keeper who counts the ships that pass every night'
  )
  const [response] = await fake.waitForResponses(1)
  await expect.poll(() => response?.itemId ?? null).not.toBeNull()
  const itemId = response?.itemId ?? ''
  await expect.poll(() => playedFrames(host, itemId)).toBeGreaterThan(24_000)

  await app.getByRole('button', { name: 'Stop speaking' }).click()
  const truncate = await fake.waitForClientEvent('conversation.item.truncate')
  expect(truncate.event.item_id).toBe(itemId)
  const audioEndMs = truncate.event.audio_end_ms as number

  const assistant = app.locator(`li[data-item-id="${itemId}"]`)
  await expect(assistant).toContainText('interrupted')
  const heard = playedFrames(host, itemId)
  test.info().annotations.push({
    type: 'truncation',
    description: `audio_end_ms ${audioEndMs} (${audioEndMs * 24} frames), played ${heard} frames`
  })
  expect(Math.abs(audioEndMs * 24 - heard)).toBeLessThanOrEqual(QUANTUM)
  // Nothing more is played: the position stays put while the rest of the reply is dropped.
  await expect(app.getByRole('group', { name: 'Playback' })).toContainText('Idle')
  expect(playedFrames(host, itemId)).toBeLessThanOrEqual(heard + QUANTUM)
  expect(heard).toBeLessThan(response ? response.audio.byteLength / 2 - 24_000 : 0)
})
