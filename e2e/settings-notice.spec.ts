// A settings file Hark cannot read: the user is told at start, defaults are used, the old file is
// kept aside, and the notice can be dismissed.
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FAKE_API_KEY, test as base, expect } from './fixtures'

const test = base.extend({
  dataDir: async ({ dataDir }, use) => {
    await writeFile(join(dataDir, 'settings.json'), '{"voice": "ash", oops')
    await use(dataDir)
  },
  coreEnv: async ({ fake }, use) => {
    await use({ OPENAI_REALTIME_URL: fake.url, OPENAI_API_KEY: FAKE_API_KEY })
  }
})

test('a corrupt settings file is kept aside and the user is told', async ({ app, dataDir }) => {
  const notice = app.getByRole('alert').filter({ hasText: /settings file could not be read/i })
  await expect(notice).toBeVisible()
  const files = await readdir(dataDir)
  expect(files.some((name) => /^settings\.corrupt-.*\.json$/.test(name))).toBe(true)

  await app.getByRole('button', { name: 'Settings' }).click()
  await expect(app.getByRole('combobox', { name: 'Voice', exact: true })).toHaveValue('alloy')

  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toBeHidden()
})
