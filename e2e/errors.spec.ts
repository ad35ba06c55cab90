// Error states show their human sentence in the status element and recover once fixed.
import { startFakeRealtimeServer } from '../test/fake-realtime/index'
import { FAKE_API_KEY, FAKE_SPEED, connect, enterKey, expect, sendMessage, test } from './fixtures'
import { statusTexts, watchStatusTexts } from './status-watch'

test('a wrong key says so, and the right key connects', async ({ app }) => {
  await enterKey(app, 'sk-not-the-right-key')
  await app.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(app.getByRole('status')).toContainText('rejected the API key')
  await expect(app.getByRole('button', { name: 'Connect', exact: true })).toBeVisible()

  await app.getByRole('button', { name: 'Settings' }).click()
  await app.getByRole('button', { name: 'Remove API key' }).click()
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await expect(app.getByRole('status')).toContainText('Connected')
})

test('a server that is down says it could not be reached, and Connect works once it is back', async ({
  app,
  fake
}) => {
  const port = fake.port
  await fake.close()
  await enterKey(app, FAKE_API_KEY)
  await app.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(app.getByRole('status')).toContainText('Could not reach')

  const revived = await startFakeRealtimeServer({ speed: FAKE_SPEED, port })
  try {
    await connect(app)
    await expect(app.getByRole('status')).toContainText('Connected')
  } finally {
    await revived.close()
  }
})

test('a socket dropped mid-answer reconnects on its own, with the conversation replayed', async ({
  app,
  fake
}) => {
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await watchStatusTexts(app)
  fake.faults.midResponse = { kind: 'drop', afterAudioChunks: 3 }
  await sendMessage(app, 'Tell me something that will be cut short')

  await expect
    .poll(() => statusTexts(app))
    .toContainEqual(expect.stringContaining('Reconnecting… (attempt 1 of 5)'))
  // Back without pressing Connect: the button still offers Disconnect.
  await expect(app.getByRole('status')).toContainText('Connected')
  await expect(app.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible()
  expect(fake.connectionCount).toBe(2)
  const replayed = fake.clientEvents.filter(
    (e) => e.connectionIndex === 1 && e.type === 'conversation.item.create'
  )
  expect(replayed.map((e) => [e.event.item, e.error])).toContainEqual([
    expect.objectContaining({
      role: 'user',
      content: [{ type: 'input_text', text: 'Tell me something that will be cut short' }]
    }),
    null
  ])

  await sendMessage(app, 'Are you back')
  await expect(app.getByRole('log', { name: 'Conversation' })).toContainText(
    'You said: Are you back'
  )
})
