// Error states show their human sentence in the status element and recover once fixed.
import { startFakeRealtimeServer } from '../test/fake-realtime/index'
import { FAKE_API_KEY, FAKE_SPEED, connect, enterKey, expect, sendMessage, test } from './fixtures'

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

test('a socket dropped mid-answer shows the disconnect, and Connect works again', async ({
  app,
  fake
}) => {
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  fake.faults.midResponse = { kind: 'drop', afterAudioChunks: 3 }
  await sendMessage(app, 'Tell me something that will be cut short')
  await expect(app.getByRole('status')).toContainText('dropped')
  await expect(app.getByRole('button', { name: 'Connect', exact: true })).toBeVisible()

  await connect(app)
  await expect(app.getByRole('status')).toContainText('Connected')
  await sendMessage(app, 'Are you back')
  await expect(app.getByRole('log', { name: 'Conversation' })).toContainText(
    'You said: Are you back'
  )
})
