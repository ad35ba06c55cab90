// Settings → Assistants (issue 14): add an assistant with its own instructions and provider, see
// that its provider has no key, have main refuse a hotkey another assistant has (naming it, with
// nothing typed lost), remove one, make one active, and find exactly that after a reload, on disk
// and in the session the next Connect opens.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import type { AssistantsFile } from '../src/shared/assistants'
import { FAKE_API_KEY, connect, expect, test as base } from './fixtures'

const test = base.extend({
  coreEnv: async ({ fake }, use) => {
    await use({ OPENAI_REALTIME_URL: fake.url, OPENAI_API_KEY: FAKE_API_KEY })
  }
})

const AZURE_URL = 'wss://contoso.openai.azure.com/openai/v1/realtime'

async function openAssistants(app: Page): Promise<Locator> {
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  const section = app.getByRole('region', { name: 'Assistants' })
  await expect(section.getByRole('button', { name: 'Add assistant' })).toBeVisible()
  return section
}

const editor = (section: Locator, name: string): Locator =>
  section.getByRole('group', { name: `Assistant ${name}`, exact: true })

test('assistants are added, refused, removed and kept as saved', async ({ app, dataDir, fake }) => {
  const section = await openAssistants(app)
  await expect(section.getByRole('list', { name: 'Your assistants' })).toContainText('HarkActive')

  // Add: a copy of the active one (Hark), edited into a translator on Azure OpenAI.
  await section.getByRole('button', { name: 'Add assistant' }).click()
  const added = editor(section, 'New assistant')
  await added.getByLabel('Assistant name').fill('Translator')
  const translator = editor(section, 'Translator')
  await translator.getByLabel('Assistant instructions').fill('Translate what I say into German.')
  await translator.getByLabel('Served by').selectOption('azure')
  await translator.getByLabel('Assistant endpoint').fill(AZURE_URL)
  await translator.getByLabel('Assistant model').fill('my-deployment')
  await translator.getByLabel('Assistant talk hotkey').fill('Alt+F9')
  await expect(translator.getByRole('status')).toContainText(
    'Translator uses Azure OpenAI, which has no key yet'
  )
  await expect(translator.getByLabel('Key for Azure OpenAI')).toBeVisible()
  await section.getByRole('button', { name: 'Save assistants' }).click()
  await expect(section).toContainText('Saved.')

  // A second one with the same hotkey: main refuses, naming the other; the text stays.
  await section.getByRole('button', { name: 'Add assistant' }).click()
  await editor(section, 'New assistant').getByLabel('Assistant name').fill('Coder')
  const coder = editor(section, 'Coder')
  await coder.getByLabel('Assistant instructions').fill('Answer with code first.')
  await coder.getByLabel('Assistant talk hotkey').fill('Alt+F9')
  await section.getByRole('button', { name: 'Save assistants' }).click()
  await expect(coder.getByRole('alert')).toHaveText(
    'Coder cannot use the hotkey Alt+F9: it is already Translator’s.'
  )
  await expect(coder.getByLabel('Assistant instructions')).toHaveValue('Answer with code first.')
  await expect(coder.getByLabel('Assistant talk hotkey')).toHaveValue('Alt+F9')
  await coder.getByLabel('Assistant talk hotkey').fill('Alt+F10')
  await expect(coder.getByRole('alert')).toHaveCount(0)
  await section.getByRole('button', { name: 'Save assistants' }).click()
  await expect(section).toContainText('Saved.')
  // OpenAI has its key (from the environment): no notice for Coder.
  await expect(coder).toContainText('Coder uses OpenAI, which has a key.')

  // Remove Translator (confirmed), make Coder active, save.
  await section.getByRole('button', { name: 'Translator', exact: true }).click()
  await section.getByRole('button', { name: 'Remove Translator' }).click()
  await section.getByRole('button', { name: 'Yes, remove Translator' }).click()
  await section.getByRole('button', { name: 'Save assistants' }).click()
  await expect(section).toContainText('Saved.')
  await section.getByRole('button', { name: 'Make Coder active' }).click()
  await expect(section.getByRole('list', { name: 'Your assistants' })).toContainText('CoderActive')

  // After a reload: what was saved, in the window and on disk.
  await app.reload()
  const again = await openAssistants(app)
  const list = again.getByRole('list', { name: 'Your assistants' })
  await expect(list.getByRole('listitem')).toHaveText(['HarkMake active', 'CoderActive'])
  const reloaded = editor(again, 'Coder')
  await expect(reloaded.getByLabel('Assistant instructions')).toHaveValue('Answer with code first.')
  await expect(reloaded.getByLabel('Assistant talk hotkey')).toHaveValue('Alt+F10')
  const saved = JSON.parse(
    await readFile(join(dataDir, 'assistants.json'), 'utf8')
  ) as AssistantsFile
  expect(saved.assistants.find((a) => a.id === saved.activeId)?.name).toBe('Coder')
  expect(saved.assistants.map((a) => a.name)).toEqual(['Hark', 'Coder'])

  // The next Connect runs the active assistant's instructions.
  await connect(app)
  await expect.poll(() => fake.session()?.instructions).toBe('Answer with code first.')
})
