// Saved settings that name a model with an announced shutdown: the main view says so, and one
// click switches to the replacement, which the next session uses.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FAKE_API_KEY, test as base, connect, expect } from './fixtures'

const test = base.extend({
  dataDir: async ({ dataDir }, use) => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ model: 'gpt-realtime' }))
    await use(dataDir)
  },
  coreEnv: async ({ fake }, use) => {
    await use({ OPENAI_REALTIME_URL: fake.url, OPENAI_API_KEY: FAKE_API_KEY })
  }
})

test('a deprecated saved model: a notice with its date and a one-click switch', async ({
  app,
  dataDir,
  fake
}) => {
  const notice = app
    .getByRole('alert')
    .filter({ hasText: /gpt-realtime, shuts down on 2027-01-20/ })
  await expect(notice).toBeVisible()
  await notice.getByRole('button', { name: 'Switch to gpt-realtime-2.1' }).click()
  await expect(notice).toBeHidden()
  const saved = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as {
    model: string
  }
  expect(saved.model).toBe('gpt-realtime-2.1')

  await connect(app)
  expect(fake.session()?.model).toBe('gpt-realtime-2.1')
  // Settings marks deprecated entries of the model list with their shutdown date.
  await app.getByRole('button', { name: 'Settings' }).click()
  const model = app.getByRole('combobox', { name: 'Model', exact: true })
  await expect(model).toHaveValue('gpt-realtime-2.1')
  await model.fill('gpt-realtime-mini')
  await expect(app.getByText('gpt-realtime-mini shuts down on 2027-01-20')).toBeVisible()
})
