// Recordings in the real renderer through the browser host: turned on in Settings (which says
// where they go and that they are not encrypted), an answer played by the real playback worklet
// is recorded on the right channel byte for byte, and History marks the conversation and plays
// its recording from the bytes main sends over the host's socket.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { readStereoWav, splitChannels } from '../test/doubles/stereo-wav'
import { FAKE_API_KEY, connect, enterKey, expect, sendMessage, test } from './fixtures'

test('records what was played and plays the recording from History', async ({
  app,
  fake,
  host,
  dataDir
}) => {
  await enterKey(app, FAKE_API_KEY)
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  await app.getByRole('checkbox', { name: 'Keep history unencrypted on this computer' }).click()
  const record = app.getByRole('checkbox', { name: 'Record conversations' })
  await expect(record).not.toBeChecked()
  await record.click()
  await expect(record).toBeChecked()
  await expect(
    app.getByText(/saved as a WAV file in .*recordings, not encrypted, readable only by your/)
  ).toBeVisible()

  await connect(app)
  await sendMessage(app, 'Say something short.')
  await expect.poll(async () => (await fake.waitForResponses(1))[0]?.isFinished).toBe(true)
  // The page played the whole answer: its reports reach the received length.
  const received = (): Map<string, Buffer[]> => {
    const byItem = new Map<string, Buffer[]>()
    for (const o of host.observations)
      if (o.kind === 'event' && o.channel === 'audio.delta') {
        const { itemId, pcm } = o.payload as { itemId: string; pcm: Uint8Array }
        byItem.set(itemId, [...(byItem.get(itemId) ?? []), Buffer.from(pcm)])
      }
    return byItem
  }
  await expect
    .poll(() =>
      [...received()].every(([itemId, chunks]) => {
        const played = Math.max(
          0,
          ...host
            .progress()
            .filter((r) => r.itemId === itemId)
            .map((r) => r.playedMs)
        )
        return Math.round(played * 24) * 2 === Buffer.concat(chunks).byteLength
      })
    )
    .toBe(true)
  await app.getByRole('button', { name: 'New conversation' }).click()

  const folder = join(dataDir, 'history', 'recordings')
  await expect.poll(() => readdirSync(folder).length).toBe(1)
  const [name] = readdirSync(folder)
  await expect.poll(() => readStereoWav(join(folder, name!)).byteLength).toBeGreaterThan(0)
  const { right } = splitChannels(readStereoWav(join(folder, name!)))
  const answer = Buffer.concat([...received().values()].flat())
  const at = Buffer.from(right).indexOf(answer)
  expect(at).toBeGreaterThanOrEqual(0)
  const rest = Buffer.from(right)
  rest.fill(0, at, at + answer.byteLength)
  expect(rest.every((byte) => byte === 0)).toBe(true)

  await app.getByRole('button', { name: 'History', exact: true }).click()
  const history = app.getByRole('region', { name: 'History' })
  const entry = history.getByRole('button', { name: /Say something short\./ })
  await expect(entry).toContainText('Recorded')
  await entry.click()
  const player = history.getByLabel('Recording of this conversation')
  await expect(player).toBeVisible()
  // Chromium decoded the WAV: its length is the recording's.
  await expect
    .poll(() => player.evaluate((audio) => (audio as unknown as { duration: number }).duration))
    .toBeGreaterThan(answer.byteLength / 48 / 1000 - 0.01)
})
