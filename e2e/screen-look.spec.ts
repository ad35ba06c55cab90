// Look at my screen in the real renderer (Chromium's fake screen, --use-fake-ui-for-media-stream
// picks it without a dialog): the capture waits above the message box and goes with the next
// message, Remove sends nothing, and the look_at_screen tool sends one at once after approval.
// The fake Realtime server decodes every input_image it takes with a real decoder.
import type { FakeRealtimeServer, RecordedClientEvent } from '../test/fake-realtime/index'
import { FAKE_API_KEY, connect, enterKey, expect, sendMessage, test } from './fixtures'

const THUMBNAIL = 'Your screen, to be sent with your next message'

/** The user's typed message with this text, as the server received it. */
function userText(fake: FakeRealtimeServer, text: string): Promise<RecordedClientEvent> {
  return fake.waitForClientEvent('conversation.item.create', (recorded) =>
    JSON.stringify(recorded.event['item']).includes(`"text":"${text}"`)
  )
}

test('a screen look goes with the next typed message, and only then', async ({ app, fake }) => {
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await app.getByRole('button', { name: 'Look at my screen' }).click()
  await expect(app.getByRole('img', { name: THUMBNAIL })).toBeVisible()
  await expect(app.getByRole('group', { name: 'Screen look' })).toContainText(
    'sent with your next message'
  )
  expect(await fake.inputImages()).toEqual([])

  await sendMessage(app, 'What is on my screen?')
  const text = await userText(fake, 'What is on my screen?')
  await expect(app.getByRole('img', { name: THUMBNAIL })).toBeHidden()
  // The conversation shows where the picture went.
  await expect(app.getByText('[a picture of the screen]')).toBeVisible()
  const images = await fake.inputImages()
  expect(images).toHaveLength(1)
  const [image] = images
  expect(image?.format).toBe('jpeg')
  expect(Math.max(image?.width ?? 0, image?.height ?? 0)).toBeLessThanOrEqual(1280)
  expect(image?.width).toBeGreaterThan(0)
  // The image item went just before the message it belongs to.
  expect(image?.receivedAtMs).toBeLessThanOrEqual(text.receivedAtMs)

  await sendMessage(app, 'And now?')
  await userText(fake, 'And now?')
  expect(await fake.inputImages()).toHaveLength(1)
})

test('Remove drops the screen look unsent', async ({ app, fake }) => {
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await app.getByRole('button', { name: 'Look at my screen' }).click()
  await expect(app.getByRole('img', { name: THUMBNAIL })).toBeVisible()
  await app.getByRole('button', { name: 'Remove' }).click()
  await expect(app.getByRole('img', { name: THUMBNAIL })).toBeHidden()
  await sendMessage(app, 'Hello')
  await userText(fake, 'Hello')
  await fake.waitForResponses(1)
  expect(await fake.inputImages()).toEqual([])
})

test('the look_at_screen tool asks, then sends the screen at once', async ({ app, fake }) => {
  fake.setOptions({
    toolCalls: (turn) =>
      turn.trigger === 'text' && turn.userText === 'look at my screen'
        ? { name: 'look_at_screen', arguments: {} }
        : null
  })
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await sendMessage(app, 'look at my screen')
  const card = app.getByRole('alertdialog', { name: 'Allow look_at_screen?' })
  await expect(card).toBeVisible()
  // Each look is new: it can never be "always allowed".
  await expect(card.getByRole('button', { name: 'Always allow' })).toHaveCount(0)
  expect(await fake.inputImages()).toEqual([])
  await card.getByRole('button', { name: 'Allow once' }).click()

  const output = await fake.waitForClientEvent(
    'conversation.item.create',
    (recorded) => (recorded.event['item'] as { type?: string }).type === 'function_call_output'
  )
  expect(String((output.event['item'] as { output: unknown }).output)).toMatch(
    /^The user's screen \(\d+ × \d+ pixels\) is now in the conversation/
  )
  const images = await fake.inputImages()
  expect(images).toHaveLength(1)
  expect(images[0]?.receivedAtMs).toBeLessThanOrEqual(output.receivedAtMs)
  // Sent at once: nothing waits above the message box.
  await expect(app.getByRole('img', { name: THUMBNAIL })).toBeHidden()
})

test('Settings: the Look at my screen hotkey is off until set, and never a talk hotkey', async ({
  app
}) => {
  await enterKey(app, FAKE_API_KEY)
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  const field = app.getByLabel('Look at my screen hotkey')
  await expect(field).toHaveValue('')
  await field.fill('Shift+Control+Space')
  await field.press('Enter')
  await expect(app.getByRole('alert')).toContainText(
    'Look at my screen cannot use Shift+Control+Space: it is the talk hotkey.'
  )
  await field.fill('Alt+Shift+L')
  await app.getByRole('button', { name: 'Set', exact: true }).click()
  await expect(app.getByText('Saved: Alt+Shift+L.')).toBeVisible()
  await app.getByRole('button', { name: 'Turn off' }).click()
  await expect(app.getByText('No hotkey for Look at my screen.')).toBeVisible()
  await expect(field).toHaveValue('')
})
