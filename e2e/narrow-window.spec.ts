// The desktop window opens 420 × 640 (src/main/adapters/window.ts): at that size the connection
// status must be readable in full, and Settings must be usable rather than a sliver beside it.
import { connect, enterKey, expect, FAKE_API_KEY, test } from './fixtures'

test.use({ viewport: { width: 420, height: 640 } })

test('at the desktop window’s default size the status reads in full and Settings has room', async ({
  app
}) => {
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  const sentence = app.locator('.status__sentence')
  await expect(sentence).toHaveText('Connected')
  // Not cut to an ellipsis: the text fits its box.
  const fits = await sentence.evaluate((element) => {
    const box = element as unknown as { scrollWidth: number; clientWidth: number }
    return box.scrollWidth <= box.clientWidth
  })
  expect(fits).toBe(true)

  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  const model = app.getByLabel('Model', { exact: true })
  await expect(model).toBeVisible()
  expect((await model.boundingBox())?.width ?? 0).toBeGreaterThan(300)
  // Settings takes the conversation's place; closing it brings the conversation back.
  await expect(app.getByRole('button', { name: 'Hold to talk' })).toBeHidden()
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(app.getByRole('button', { name: 'Hold to talk' })).toBeVisible()
})
