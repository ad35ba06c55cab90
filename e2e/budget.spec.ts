// The monthly budget in the browser: Settings refuses a budget that is not an amount above 0; at
// 80 % a warning shows; once it is spent Hark asks before any new answer, and "Continue this
// once" and raising the budget each let the held answer come. The status bar shows today's total
// from the spending record in the data folder (spend.json, the local calendar).
import type { Page } from '@playwright/test'
import { FAKE_API_KEY, connect, enterKey, expect, sendMessage, test as base } from './fixtures'
import { spentDataDir } from './spent-data-dir'

/** Already spent today, as a spending record from an earlier run. */
const SPENT_USD = 0.85

const test = base.extend({
  dataDir: spentDataDir(SPENT_USD)
})

async function saveBudget(app: Page, text: string): Promise<void> {
  await app.getByLabel('Monthly budget (USD)').fill(text)
  await app.getByRole('button', { name: 'Save budget' }).click()
}

test('budget: refused values, the 80 % warning, the stop, continue once, and raise', async ({
  app,
  fake
}) => {
  await enterKey(app, FAKE_API_KEY)
  await expect(app.getByTestId('spend-today')).toHaveText(/today \$0\.8500/)
  await app.getByRole('button', { name: 'Settings' }).click()
  for (const bad of ['0', '-2', 'ten dollars']) {
    await saveBudget(app, bad)
    await expect(app.locator('.budget-field .error')).toHaveText(
      /above 0.*Leave it empty for no budget/
    )
  }
  await saveBudget(app, '1')
  await expect(app.getByTestId('budget-warning')).toContainText('85 %')

  await connect(app)
  const answers = app.locator('li.caption--assistant')
  await sendMessage(app, 'Good morning')
  // An answer may come as a preamble item and the answer item (seeded-preambles.ts).
  const answer = (text: string): ReturnType<Page['locator']> => answers.filter({ hasText: text })
  await expect(answer('You said: Good morning')).toHaveCount(1)
  await expect(app.getByTestId('spend-today')).not.toHaveText(/today \$0\.8500/)

  // The budget is spent: the next message is sent, but its answer waits for the user.
  await saveBudget(app, '0.85')
  const stop = app.getByTestId('budget-stop')
  await expect(stop).toContainText('Hark will ask before it answers again')
  const responsesBefore = fake.responses.length
  await sendMessage(app, 'How are you')
  await expect(stop).toContainText('Hark has your turn but has not answered it')
  expect(fake.responses.length).toBe(responsesBefore)
  await stop.getByRole('button', { name: 'Continue this once' }).click()
  await expect(answer('You said: How are you')).toHaveCount(1)

  // Once only: the next turn asks again; raising the budget releases it.
  await sendMessage(app, 'Thank you')
  await expect(stop).toContainText('Hark has your turn but has not answered it')
  await stop.getByRole('button', { name: 'Raise the budget' }).click()
  await stop.getByLabel('New monthly budget (USD)').fill('5')
  await stop.getByRole('button', { name: 'Save budget' }).click()
  await expect(answer('You said: Thank you')).toHaveCount(1)
  await expect(stop).toHaveCount(0)
})
