// Where the key may go, from the window: plain ws:// to another machine is refused with the reason,
// and a new endpoint host is refused in the browser host (main has no dialog of its own there to
// ask the user). Nothing here dials anything: the refusals happen before any connect.
import { FAKE_API_KEY, test as base, expect } from './fixtures'

const test = base.extend({
  coreEnv: async ({ fake }, use) => {
    await use({ OPENAI_REALTIME_URL: fake.url, OPENAI_API_KEY: FAKE_API_KEY })
  }
})

test('the window cannot point the key at another host, and tracing is off', async ({ app }) => {
  await app.getByRole('button', { name: 'Settings' }).click()
  await expect(
    app.getByRole('checkbox', { name: 'Let OpenAI keep traces of conversations' })
  ).not.toBeChecked()
  const url = app.getByRole('textbox', { name: 'Endpoint URL' })
  const save = app.getByRole('button', { name: 'Save settings' })

  await url.fill('ws://192.168.1.20:8765/v1/realtime')
  await save.click()
  await expect(app.getByRole('alert').filter({ hasText: /only to this computer/ })).toBeVisible()

  await url.fill('wss://proxy.example.com/v1/realtime')
  await save.click()
  await expect(
    app.getByRole('alert').filter({ hasText: /only the desktop app can ask you to confirm/ })
  ).toBeVisible()
  // Reopened, the settings still hold OpenAI's endpoint.
  await app.reload()
  await app.getByRole('button', { name: 'Settings' }).click()
  await expect(app.getByRole('textbox', { name: 'Endpoint URL' })).toHaveValue(
    'wss://api.openai.com/v1/realtime'
  )
})
