// Several assistants at once (issue 14) in the real renderer: two assistants with different
// instructions are connected at the same time, each on its own session (the fake server sees two
// connections with two instruction texts), and the window shows each one's captions under its own
// assistant while the other's answer keeps arriving in the background.
import type { AssistantsFile } from '../src/shared/assistants'
import { defaultReply } from '../test/fake-realtime/options'
import { FAKE_API_KEY, enterKey, expect, sendMessage, test } from './fixtures'

const ALPHA = 'Answer as Alpha, briefly.'
const BETA = 'Answer as Beta, in one sentence.'

/** `url`: the loopback fake's (the environment's OPENAI_REALTIME_URL wins anyway). */
function twoAssistants(url: string): AssistantsFile {
  const base = {
    voice: 'marin',
    model: 'gpt-realtime-2.1',
    url,
    provider: 'openai' as const,
    hotkey: null,
    toolPolicies: {}
  }
  return {
    version: 1,
    activeId: 'alpha',
    assistants: [
      { ...base, id: 'default', name: 'Hark', instructions: 'You are Hark.' },
      { ...base, id: 'alpha', name: 'Alpha', instructions: ALPHA },
      { ...base, id: 'beta', name: 'Beta', instructions: BETA }
    ]
  }
}

test('two assistants answer from their own sessions at the same time', async ({ app, fake }) => {
  // Each answer says whose instructions its session has, so a mix-up shows in the captions.
  fake.setOptions({
    reply: (turn) =>
      turn.trigger === 'text'
        ? `${turn.instructions.split(',')[0] ?? ''}: ${turn.userText ?? ''} and more words to keep it speaking for a while`
        : defaultReply(turn)
  })
  await enterKey(app, FAKE_API_KEY)
  await expect(app.getByRole('button', { name: 'Connect', exact: true })).toBeVisible()
  // Saved as Settings → Assistants would; the window learns of it from assistants.updated.
  await app.evaluate(async (file) => {
    const reply = await (
      globalThis as unknown as {
        hark: { assistants: { save(f: unknown): Promise<{ ok: boolean }> } }
      }
    ).hark.assistants.save(file)
    if (!reply.ok) throw new Error('the assistants were not saved')
  }, twoAssistants(fake.url))
  const switcher = app.getByRole('navigation', { name: 'Assistants' })
  await expect(switcher.getByRole('button', { name: 'Alpha' })).toHaveAttribute(
    'aria-pressed',
    'true'
  )
  const captions = app.getByRole('log', { name: 'Conversation' }).getByRole('listitem')

  await sendMessage(app, 'first question')
  await expect(captions.filter({ hasText: 'Answer as Alpha: first question' })).toHaveCount(1)
  // While Alpha's session stays open (and may still be answering), Beta gets its own.
  await switcher.getByRole('button', { name: 'Beta' }).click()
  await expect(switcher.getByRole('button', { name: 'Beta' })).toHaveAttribute(
    'aria-pressed',
    'true'
  )
  await expect(captions).toHaveCount(0)
  await sendMessage(app, 'second question')
  await expect(captions.filter({ hasText: 'Answer as Beta: second question' })).toHaveCount(1)
  await expect(captions.filter({ hasText: 'Answer as Alpha' })).toHaveCount(0)
  // Alpha is still connected: its mark says so.
  await expect(switcher.getByRole('button', { name: /Alpha · (connected|speaking)/ })).toBeVisible()

  expect(fake.connectionCount).toBe(2)
  expect(fake.openConnectionCount).toBe(2)
  expect([fake.session(0)?.instructions, fake.session(1)?.instructions]).toEqual([ALPHA, BETA])

  // Back to Alpha: its own conversation, including what it said while Beta was shown.
  await switcher.getByRole('button', { name: /^Alpha/ }).click()
  await expect(captions.filter({ hasText: 'Answer as Alpha: first question' })).toHaveCount(1)
  await expect(captions.filter({ hasText: 'Answer as Beta' })).toHaveCount(0)
  await expect(captions.filter({ hasText: 'second question' })).toHaveCount(0)
})
