// The monthly budget on GPT-Live in the browser: with most of the month's budget already spent,
// the warning shows; the moment GPT-Live's billed seconds reach the budget, Hark mutes GPT-Live
// (the fake GPT-Live server is told) and the budget card asks; "Continue this once" unmutes it;
// after a Disconnect, Connect asks first and opens nothing until the user continues.
import { connect, expect } from './fixtures'
import { chooseLiveHandsFree, liveTest } from './live-fixtures'
import { spentDataDir } from './spent-data-dir'

/** Spent this month before the test: a budget of 0.851 leaves less than one answer's seconds. */
const SPENT_USD = 0.85

const test = liveTest.extend({
  dataDir: spentDataDir(SPENT_USD)
})

test('the budget mutes GPT-Live when its seconds reach it, and Connect asks first', async ({
  app,
  fakeLive
}) => {
  await chooseLiveHandsFree(app, async (settings) => {
    await settings.getByLabel('Monthly budget (USD)').fill('0.851')
    await settings.getByRole('button', { name: 'Save budget' }).click()
    await expect(settings.getByText('Budget saved.')).toBeVisible()
  })
  await expect(app.getByTestId('budget-warning')).toContainText('99 %')
  await connect(app)

  // The first answer's billed seconds cross the budget: GPT-Live is muted and the card asks.
  const stop = app.getByTestId('budget-stop')
  await expect(stop).toContainText('Hark muted GPT-Live', { timeout: 30_000 })
  await expect.poll(() => fakeLive.isMuted(0)).toBe(true)
  await expect(app.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible()
  await stop.getByRole('button', { name: 'Continue this once' }).click()
  await expect.poll(() => fakeLive.isMuted(0)).toBe(false)
  await expect(stop).toContainText('GPT-Live goes on until you disconnect')

  // The conversation ends; a new Connect opens nothing until the user says so.
  await app.getByRole('button', { name: 'Disconnect', exact: true }).click()
  await app.getByRole('button', { name: 'Connect', exact: true }).click()
  await expect(stop).toContainText('Hark has not connected it')
  expect(fakeLive.connectionCount).toBe(1)
  await stop.getByRole('button', { name: 'Continue this once' }).click()
  await expect(app.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible()
  await expect.poll(() => fakeLive.connectionCount).toBe(2)
  expect(fakeLive.startedSession(1)?.input?.[0]?.role).toBe('user')
})
