// A response in several items (a spoken preamble, then the answer: the 2.x models do this,
// reference §1) in the real renderer: both captioned in order, every frame of both played, and
// "Stop speaking" during the answer truncates the answer only.
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
const PREAMBLE = 'One moment.'

test('both items are captioned in order and every frame of both is played', async ({
  app,
  fake,
  host
}) => {
  fake.setOptions({ preamble: () => PREAMBLE })
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await sendMessage(app, 'What a lovely morning')

  const captions = app.getByRole('log', { name: 'Conversation' }).getByRole('listitem')
  await expect(captions).toHaveCount(3)
  await expect(captions.nth(0)).toContainText('What a lovely morning')
  await expect(captions.nth(1)).toContainText(PREAMBLE)
  await expect(captions.nth(2)).toContainText('You said: What a lovely morning')

  const [response] = await fake.waitForResponses(1)
  if (!response) throw new Error('no response')
  expect(response.items).toHaveLength(2)
  for (const item of response.items) {
    const sentFrames = item.audio.reduce((sum, chunk) => sum + chunk.byteLength, 0) / 2
    await expect
      .poll(() => playedFrames(host, item.itemId), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(sentFrames - QUANTUM)
    expect(playedFrames(host, item.itemId)).toBeLessThanOrEqual(sentFrames + QUANTUM)
  }
})

test('"Stop speaking" during the answer truncates the answer, not the preamble', async ({
  app,
  fake,
  host
}) => {
  fake.setOptions({ preamble: () => PREAMBLE })
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await sendMessage(
    app,
    'Please tell me a long story about a lighthouse keeper who counts the ships that pass every night'
  )
  await expect.poll(() => fake.responses[0]?.items.length ?? 0).toBe(2)
  const [preamble, answer] = fake.responses[0]?.items ?? []
  if (!preamble || !answer) throw new Error('expected two items')
  await expect.poll(() => playedFrames(host, answer.itemId)).toBeGreaterThan(24_000)

  await app.getByRole('button', { name: 'Stop speaking' }).click()
  const truncate = await fake.waitForClientEvent('conversation.item.truncate')
  expect(truncate.event.item_id).toBe(answer.itemId)
  expect(truncate.error).toBeNull()
  const heard = playedFrames(host, answer.itemId)
  expect(Math.abs((truncate.event.audio_end_ms as number) * 24 - heard)).toBeLessThanOrEqual(
    QUANTUM
  )
  await expect(app.locator(`li[data-item-id="${answer.itemId}"]`)).toContainText('interrupted')
  await expect(app.locator(`li[data-item-id="${preamble.itemId}"]`)).not.toContainText(
    'interrupted'
  )
  await expect(app.getByRole('group', { name: 'Playback' })).toContainText('Idle')
  const truncates = fake.clientEvents.filter((e) => e.type === 'conversation.item.truncate')
  expect(truncates.map((e) => e.event.item_id)).toEqual([answer.itemId])
})
