// A first start with no OpenAI key, for someone whose Realtime model is on Azure OpenAI: the key
// form lets them go to Settings → Provider, and once the next Connect goes to Azure the form is
// not shown again. The fake acts as an Azure resource (api-key header only).
import { connect, expect, sendMessage, test } from './fixtures'

const AZURE_KEY = '5c1e3a7b9d2f4e6a8c0b2d4f6a8c0e1f'
const azureTest = test.extend({
  coreEnv: async ({ fake }, use) => {
    fake.setOptions({ provider: 'azure', apiKey: AZURE_KEY })
    await use({ OPENAI_REALTIME_URL: fake.url.replace('/v1/realtime', '/openai/v1/realtime') })
  }
})

azureTest(
  'an Azure user gets from the first start to an answer without an OpenAI key',
  async ({ app, fake }) => {
    await expect(app.getByLabel('OpenAI API key')).toBeVisible()
    await app.getByRole('button', { name: 'Choose the provider in Settings' }).click()
    await expect(app.getByRole('combobox', { name: 'Provider' })).toBeVisible()
    await app.getByRole('combobox', { name: 'Provider' }).selectOption('azure')
    await app.getByRole('combobox', { name: 'Model', exact: true }).fill('my-deployment')
    await app.getByRole('button', { name: 'Save settings' }).click()
    await expect(app.getByText('Saved.')).toBeVisible()
    await app.getByLabel('Azure OpenAI API key').fill(AZURE_KEY)
    await app.getByRole('button', { name: 'Save key', exact: true }).click()
    await connect(app)
    await sendMessage(app, 'Hello Azure')
    await expect(app.getByRole('log', { name: 'Conversation' })).toContainText(
      'You said: Hello Azure'
    )
    expect(fake.handshakes.at(-1)).toMatchObject({ model: 'my-deployment', hadApiKeyHeader: true })

    // The next start goes straight to the conversation view: its provider has what it needs.
    await app.reload()
    await expect(app.getByRole('button', { name: /Connect|Disconnect/ }).first()).toBeVisible()
    await expect(app.getByLabel('OpenAI API key')).toHaveCount(0)
  }
)
