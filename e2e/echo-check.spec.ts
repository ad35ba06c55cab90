// Settings → Check for echo in Chromium (issue 13 §3). The fake devices have no acoustic path
// from the speaker to the microphone, so the check must run end to end (probe through the
// playback worklet, microphone with echo cancellation, detector) and report no echo, with what
// the browser granted, and keep the result.
import { FAKE_API_KEY, enterKey, expect, test } from './fixtures'

test('Check for echo runs end to end and reports no echo with the granted settings', async ({
  app
}) => {
  await enterKey(app, FAKE_API_KEY)
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  const check = app.getByRole('region', { name: 'Echo check' })
  await expect(check.getByRole('status')).toHaveText(/Not checked yet/)
  await check.getByRole('button', { name: 'Check for echo' }).click()
  await expect(check.getByRole('status')).toHaveText(
    'Fine: Hark does not hear itself through your speakers.',
    { timeout: 20_000 }
  )
  await expect(check).toContainText(
    /Echo cancellation: on\. Noise suppression: (on|off)\. Automatic gain control: (on|off)\./
  )
  await expect(check.getByRole('alert')).toHaveCount(0)

  // Stored: a new page load shows the same result without checking again.
  await app.reload()
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  await expect(app.getByRole('region', { name: 'Echo check' }).getByRole('status')).toHaveText(
    'Fine: Hark does not hear itself through your speakers.'
  )
})
