// The History view in the real renderer through the browser host: a conversation is kept once
// the user allows unencrypted files (the browser host has no key store), found by search with
// the match highlighted, exported as Markdown and JSON, and continued in a new session whose
// server receives the old conversation's items.
import { readFile } from 'node:fs/promises'
import { FAKE_API_KEY, connect, enterKey, expect, sendMessage, test } from './fixtures'

test('search, export and continue a saved conversation', async ({ app, fake }) => {
  await enterKey(app, FAKE_API_KEY)

  // No key store here: nothing is kept until the user agrees to plain files.
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(app.getByText(/it is not saved unless you allow unencrypted files/)).toBeVisible()
  const plain = app.getByRole('checkbox', { name: 'Keep history unencrypted on this computer' })
  await plain.click()
  await expect(plain).toBeChecked()
  await expect(app.getByText(/conversations are kept unencrypted in .*history/)).toBeVisible()

  await connect(app)
  await sendMessage(app, 'Remind me about the (dentist) appointment')
  const captions = app.getByRole('log', { name: 'Conversation' }).getByRole('listitem')
  await expect(captions.filter({ hasText: 'You said: Remind me about the (dentist)' })).toHaveCount(
    1
  )
  await expect.poll(async () => (await fake.waitForResponses(1))[0]?.isFinished).toBe(true)
  // The answer may come after a spoken preamble item (seeded-preambles.ts), kept as its own turn.
  const preamble = fake.responses[0]?.preamble ?? null
  const preambleItems = preamble === null ? [] : [['assistant', preamble]]

  await app.getByRole('button', { name: 'History', exact: true }).click()
  const history = app.getByRole('region', { name: 'History' })
  await expect(
    history.getByRole('button', { name: /Remind me about the \(dentist\) appointment/ })
  ).toBeVisible()

  // Regex characters are literal; every match is highlighted.
  await history.getByRole('searchbox', { name: 'Search history' }).fill('(DENTIST)')
  const results = history.getByRole('list', { name: 'Search results' })
  await expect(results.getByRole('listitem')).toHaveCount(1)
  // Both turns match; a preamble item between them (seeded-preambles.ts) may put the answer's
  // match outside the snippet, but what is marked is always the match.
  const marks = results.locator('mark')
  if (preamble === null) await expect(marks).toHaveText(['(dentist)', '(dentist)'])
  else {
    await expect(marks.first()).toHaveText('(dentist)')
    expect(new Set(await marks.allTextContents())).toEqual(new Set(['(dentist)']))
  }
  await history.getByRole('searchbox', { name: 'Search history' }).fill('(dentist) .*')
  await expect(results.getByText('Nothing matches.')).toBeVisible()
  await history.getByRole('searchbox', { name: 'Search history' }).fill('dentist')
  await results.getByRole('button').first().click()

  const conversation = history.getByRole('article')
  await expect(conversation).toContainText('You: Remind me about the (dentist) appointment')
  await expect(conversation).toContainText('Hark: You said: Remind me about the (dentist)')

  const markdown = app.waitForEvent('download')
  await conversation.getByRole('button', { name: 'Export Markdown' }).click()
  const mdFile = await markdown
  expect(mdFile.suggestedFilename()).toMatch(/^hark-\d{8}-\d{6}-[0-9a-f]{6}\.md$/)
  const md = await readFile(await mdFile.path(), 'utf8')
  expect(md).toContain('**You:** Remind me about the (dentist) appointment')
  expect(md).toContain('**Hark:** You said: Remind me about the (dentist) appointment')
  const json = app.waitForEvent('download')
  await conversation.getByRole('button', { name: 'Export JSON' }).click()
  const parsed = JSON.parse(await readFile(await (await json).path(), 'utf8')) as {
    items: { role: string; text: string }[]
  }
  expect(parsed.items.map((item) => item.role)).toEqual([
    'user',
    ...preambleItems.map(([role]) => role),
    'assistant'
  ])

  // Continue: a new session, seeded with the old conversation as text (as after a reconnect).
  await conversation.getByRole('button', { name: 'Continue' }).click()
  const seeded = await fake.waitForClientEvent('conversation.item.create', (event) =>
    JSON.stringify(event.event).includes('You said: Remind me about the (dentist)')
  )
  expect(seeded.connectionIndex).toBe(1)
  const created = fake.clientEvents
    .filter((event) => event.connectionIndex === 1 && event.type === 'conversation.item.create')
    .map((event) => event.event['item'] as { role: string; content: { text: string }[] })
  expect(created.map((item) => [item.role, item.content[0]?.text])).toEqual([
    ['user', 'Remind me about the (dentist) appointment'],
    ...preambleItems,
    ['assistant', 'You said: Remind me about the (dentist) appointment']
  ])
  await expect(app.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible()
  // The panel makes way for the conversation once the new session is up.
  await expect(history).toBeHidden()
  // The new session's next turn has the old one as context and is kept as a new conversation.
  await sendMessage(app, 'What was that about?')
  await expect(captions.filter({ hasText: 'You said: What was that about?' })).toHaveCount(1)
  await app.getByRole('button', { name: 'History', exact: true }).click()
  await history.getByRole('searchbox', { name: 'Search history' }).fill('')
  await expect(history.getByRole('button', { name: /What was that about\?/ })).toBeVisible()
  await expect(history.getByRole('button', { name: /Remind me about/ })).toBeVisible()
})

test('delete with undo', async ({ app }) => {
  await enterKey(app, FAKE_API_KEY)
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  const plain = app.getByRole('checkbox', { name: 'Keep history unencrypted on this computer' })
  await plain.click()
  await expect(plain).toBeChecked()
  await connect(app)
  await sendMessage(app, 'Keep this one')
  await expect(
    app.getByRole('log', { name: 'Conversation' }).getByText('You said: Keep this one')
  ).toBeVisible()
  await app.getByRole('button', { name: 'History', exact: true }).click()
  const history = app.getByRole('region', { name: 'History' })
  await history.getByRole('button', { name: /Keep this one/ }).click()
  await history.getByRole('article').getByRole('button', { name: 'Delete' }).click()
  await expect(history.getByText('No saved conversations yet.')).toBeVisible()
  await history.getByRole('button', { name: 'Undo' }).click()
  await expect(history.getByRole('button', { name: /Keep this one/ })).toBeVisible()
  // Replies of nothing (delete, restore) crossed the host's JSON socket as successes.
  await expect(history.getByRole('alert')).toHaveCount(0)
})
