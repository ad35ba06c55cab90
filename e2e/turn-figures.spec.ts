// Each assistant turn shows what it cost and how long the user waited for its first sound, with
// the breakdown on hover or focus; the status bar shows the conversation's total and median.
import { FAKE_API_KEY, connect, enterKey, expect, sendMessage, test } from './fixtures'

test('every assistant turn shows its cost and latency; the status bar sums them', async ({
  app
}) => {
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  const assistantTurns = app.locator('li.caption--assistant')
  for (const message of ['Good morning', 'How are you']) {
    await sendMessage(app, message)
    // Filtered by the answer's words: a preamble item may come first (seeded-preambles.ts).
    const figures = assistantTurns
      .filter({ hasText: `You said: ${message}` })
      .getByTestId('turn-figures')
    await expect(figures).toContainText(/\$0\.\d{4}/)
    // The latency appears once the first sample has been played.
    const latency = figures.locator('.turn-figures__latency')
    await expect(latency).toHaveText(/^\d+ ms$/, { timeout: 20_000 })
    await latency.focus()
    await expect(latency).toHaveAttribute('title', /commit sent: \d+ ms[\s\S]*total: \d+ ms/)
  }
  const summary = app.getByTestId('usage-summary')
  await expect(summary).toContainText(/\$0\.\d{4}/)
  await expect(summary).toContainText(/median \d+ ms/)
})
