// GPT-Live in the real renderer: chosen in Settings with hands-free mode, the window holds a
// conversation with Chromium's fake microphone against the fake GPT-Live server (the server, not
// Hark, decides when the user has finished): both sides are captioned, the answer is played, the
// talk control is a Mute button whose state GPT-Live is told, and Stop speaking says honestly
// that the model may finish its sentence.
import { chooseLiveHandsFree, liveTest } from './live-fixtures'
import { connect, expect, playedFrames } from './fixtures'

liveTest(
  'a hands-free conversation on GPT-Live: captions, audio played, mute and unmute',
  async ({ app, fake, fakeLive, host }) => {
    await chooseLiveHandsFree(app)
    await connect(app)
    await expect(app.getByLabel('What the talk button does')).toContainText(
      'hears you the whole time you are connected'
    )
    expect(fakeLive.startedSession(0)).toMatchObject({
      model: 'gpt-live-1.1',
      audio: { output: { voice: 'marin' } }
    })
    expect(fake.connectionCount).toBe(0)

    // The server's turn taking: no key press, no commit (there is none in GPT-Live).
    const [turn] = await fakeLive.waitForTurns(1, 30_000)
    await expect(app.locator('li.caption--user').first()).toContainText('seconds of speech')
    const answer = app.locator('li.caption--assistant').first()
    await expect(answer).toContainText(turn!.replyText.trim())
    const itemId = (await answer.getAttribute('data-item-id')) ?? ''
    await expect.poll(() => playedFrames(host, itemId)).toBeGreaterThan(0)
    await expect(answer.getByTestId('turn-figures')).toContainText('$')

    // Mute: GPT-Live is told, and no more microphone audio leaves the machine.
    await app.getByRole('button', { name: 'Mute', exact: true }).click()
    await expect.poll(() => fakeLive.isMuted(0)).toBe(true)
    await expect(app.getByText(/Microphone muted/)).toBeVisible()
    const mutedBytes = fakeLive.inputAudio(0).byteLength
    await app.waitForTimeout(500)
    expect(fakeLive.inputAudio(0).byteLength).toBe(mutedBytes)
    await app.getByRole('button', { name: 'Unmute', exact: true }).first().click()
    await expect.poll(() => fakeLive.isMuted(0)).toBe(false)
    await expect.poll(() => fakeLive.inputAudio(0).byteLength).toBeGreaterThan(mutedBytes)

    await app.getByRole('button', { name: 'Stop speaking' }).click()
    await expect(app.getByText(/the model may finish its sentence/)).toBeVisible()

    // Full duplex on speakers: the first GPT-Live session ran the speaker echo check before it
    // opened the microphone (issue 15, "Echo"), and Settings shows its verdict.
    await app.getByRole('button', { name: 'Settings', exact: true }).click()
    await expect(app.getByRole('region', { name: 'Echo check' }).getByRole('status')).toHaveText(
      'Fine: Hark does not hear itself through your speakers.'
    )
  }
)

liveTest(
  'a task GPT-Live delegates waits for the approval card, and a refusal goes back to it',
  async ({ app, fakeLive }) => {
    fakeLive.setOptions({ delegate: () => true, transcribe: () => 'What is on my clipboard?' })
    await chooseLiveHandsFree(app)
    await connect(app)
    const card = app.getByRole('alertdialog', { name: 'Allow read_clipboard?' })
    await expect(card).toBeVisible({ timeout: 30_000 })
    await card.getByRole('button', { name: 'Deny' }).click()
    const reply = await fakeLive.waitForClientEvent('session.commentary.append')
    expect(reply.event['content']).toMatch(/^This was not done: The user declined/)
    await expect(app.getByRole('list', { name: 'Tool calls' })).toContainText('read_clipboard')
    await expect(app.locator('li.caption--assistant').first()).toContainText('This was not done')
  }
)
