// The conversation survives the end of a server session, as the user sees it in the window: a
// message typed as the connection drops is answered once and shown once; at the session's time
// limit the next question is answered with the earlier turns in context, and a planned rollover
// shows no "Reconnecting…".
import type { Locator, Page } from '@playwright/test'
import type { FakeRealtimeServer, FakeTurn } from '../test/fake-realtime/index'
import { FAKE_API_KEY, connect, enterKey, expect, sendMessage, test } from './fixtures'
import { statusTexts, watchStatusTexts } from './status-watch'

/** The "model" answers with the user turns it has in its context. */
function contextReply(turn: FakeTurn): string {
  const said = turn.items.flatMap((item) =>
    item.type === 'message' && item.role === 'user'
      ? item.content.flatMap((part) => (part.type === 'input_text' ? [part.text] : []))
      : []
  )
  return `I remember ${said.join(', ')}.`
}

/** Connects with the context-echoing reply and has a first exchange; returns the log. */
async function converse(
  app: Page,
  fake: FakeRealtimeServer,
  first: string,
  options: Parameters<FakeRealtimeServer['setOptions']>[0] = {}
): Promise<Locator> {
  fake.setOptions({ reply: contextReply, ...options })
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  const log = app.getByRole('log', { name: 'Conversation' })
  await sendMessage(app, first)
  await expect(log).toContainText(`I remember ${first}.`)
  return log
}

test('a message typed as the connection drops is answered once and shown once', async ({
  app,
  fake
}) => {
  const log = await converse(app, fake, 'apples')

  fake.faults.dropAfterUserMessage = true
  await sendMessage(app, 'pears')
  await expect(log).toContainText('I remember apples, pears.')
  await expect(app.getByRole('status')).toContainText('Connected')
  expect(fake.connectionCount).toBe(2)
  // Shown once, answered once.
  await expect(log.locator('.caption--user', { hasText: 'pears' })).toHaveCount(1)
  await expect(log.locator('.caption--assistant', { hasText: 'apples, pears' })).toHaveCount(1)
  expect(fake.responses.filter((r) => r.text === 'I remember apples, pears.')).toHaveLength(1)
})

test('the time limit mid-answer: the cut answer is marked, the question answered with the earlier turns', async ({
  app,
  fake
}) => {
  const log = await converse(app, fake, 'cherries')

  fake.faults.midResponse = { kind: 'expire', afterAudioChunks: 3 }
  await sendMessage(app, 'plums and a very long answer please')
  // Answered again in the new session, with the earlier turn in its context.
  await expect(log).toContainText('I remember cherries, plums and a very long answer please.')
  // The cut answer is marked, not streaming forever.
  await expect(log.locator('.caption__interrupted')).toHaveCount(1)
  await expect(log.locator('.caption--streaming')).toHaveCount(0)
  await expect(app.getByRole('status')).toContainText('Connected')
})

test('a planned rollover before the time limit shows no “Reconnecting…” and keeps the context', async ({
  app,
  fake
}) => {
  // 60 minutes at 300× last 12 s; Hark rolls over in the last 2 s, at a quiet moment.
  const log = await converse(app, fake, 'figs', {
    sessionClockSpeed: 300,
    enforceSessionLimit: true
  })
  await watchStatusTexts(app)

  await expect.poll(() => fake.connectionCount, { timeout: 15_000 }).toBe(2)
  // The old session ends with the rollover, before its limit: no expiry reaches the user.
  await expect.poll(() => fake.openConnectionCount).toBe(1)
  await sendMessage(app, 'grapes')
  await expect(log).toContainText('I remember figs, grapes.')
  expect(fake.responses.at(-1)?.connectionIndex).toBe(1)
  expect(await statusTexts(app)).not.toContainEqual(expect.stringContaining('Reconnecting'))
  await expect(app.getByRole('status')).toContainText('Connected')
})

test('Connect keeps the conversation; New conversation starts an empty one', async ({
  app,
  fake
}) => {
  const log = await converse(app, fake, 'kiwis')

  await app.getByRole('button', { name: 'Disconnect', exact: true }).click()
  await connect(app)
  await sendMessage(app, 'limes')
  await expect(log).toContainText('I remember kiwis, limes.')

  await app.getByRole('button', { name: 'New conversation', exact: true }).click()
  await expect(log).not.toContainText('kiwis')
  await expect(app.getByRole('status')).toContainText('Connected')
  await sendMessage(app, 'mangos')
  await expect(log).toContainText('I remember mangos.')
})
