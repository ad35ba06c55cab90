// The floating overlay's page (issue 13 §2) in Chromium, served by the browser host beside the
// window and fed by the same events: it follows a real hands-free turn against the fake server
// (listening → speaking → idle), and shows a scripted tool call's approval whose Allow runs it.
import type { Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { makeFakeMicWav } from '../test/fixtures/fake-mic-wav'
import { fakeMicrophone } from './fake-microphone'
import { FAKE_API_KEY, connect, enterKey, expect, sendMessage, test } from './fixtures'

/**
 * The question, then 8 s of silence: the fake VAD ends the turn after 500 ms, and the answer plays
 * before Chromium's fake capture loops the file and speaks again.
 */
function withSilence(wav: string): string {
  const padded = wav.replace(/\.wav$/, '-padded.wav')
  execFileSync('sox', [wav, padded, 'pad', '0', '8'])
  return padded
}

const speechTest = test.extend(
  fakeMicrophone(() => withSilence(makeFakeMicWav('overlay-speech', 'What time is it in Tokyo?')))
)

/** Just enough DOM for `page.evaluate` (e2e is type-checked without the DOM library). */
interface PhaseWatch {
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null
  }
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void
  }
  overlayPhases?: string[]
}

/** The overlay page of the same host, recording every phase it shows. */
async function openOverlay(app: Page, url: string): Promise<Page> {
  const overlay = await app.context().newPage()
  const cspViolations: string[] = []
  overlay.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  await overlay.goto(url.replace('/?', '/overlay.html?'))
  await expect(overlay.locator('main.overlay')).toHaveAttribute('data-phase', 'idle')
  await overlay.evaluate(() => {
    const scope = globalThis as unknown as PhaseWatch
    const phases: string[] = []
    scope.overlayPhases = phases
    const main = scope.document.querySelector('main.overlay')
    if (!main) throw new Error('no overlay')
    new scope.MutationObserver(() => {
      const phase = main.getAttribute('data-phase') ?? ''
      if (phases.at(-1) !== phase) phases.push(phase)
    }).observe(main, { attributes: true })
  })
  overlay.on('close', () => expect(cspViolations).toEqual([]))
  return overlay
}

const phasesOf = (overlay: Page): Promise<string[]> =>
  overlay.evaluate(() => (globalThis as unknown as PhaseWatch).overlayPhases ?? [])

speechTest(
  'the overlay follows a real turn: listening, speaking with the caption, then idle',
  async ({ app, host }) => {
    const overlay = await openOverlay(app, host.url)
    await enterKey(app, FAKE_API_KEY)
    await app.getByRole('button', { name: 'Settings' }).click()
    await app.getByRole('radio', { name: /Hands-free \(server VAD\)/ }).check()
    await app.getByRole('button', { name: 'Save settings' }).click()
    await expect(app.getByText('Saved.')).toBeVisible()
    await connect(app)

    await expect.poll(() => phasesOf(overlay)).toContain('listening')
    await expect.poll(() => phasesOf(overlay), { timeout: 30_000 }).toContain('speaking')
    // The answer's caption is shown while it plays.
    await expect(overlay.locator('.overlay__caption')).not.toBeEmpty()
    await expect.poll(() => phasesOf(overlay), { timeout: 30_000 }).toContain('idle')
    const phases = await phasesOf(overlay)
    const listening = phases.indexOf('listening')
    const speaking = phases.indexOf('speaking', listening)
    expect(listening).toBeGreaterThanOrEqual(0)
    expect(speaking).toBeGreaterThan(listening)
    expect(phases.indexOf('idle', speaking)).toBeGreaterThan(speaking)
    await overlay.close()
  }
)

test('the overlay shows a waiting approval, and its Allow runs the tool', async ({
  app,
  fake,
  host
}) => {
  fake.setOptions({
    toolCalls: (turn) =>
      turn.trigger === 'text' && turn.userText === 'read my clipboard'
        ? { name: 'read_clipboard', arguments: {} }
        : null
  })
  const overlay = await openOverlay(app, host.url)
  await enterKey(app, FAKE_API_KEY)
  await connect(app)
  await sendMessage(app, 'read my clipboard')

  const card = overlay.getByRole('alertdialog', { name: 'Allow read_clipboard?' })
  await expect(card).toBeVisible()
  await expect(overlay.locator('main.overlay')).toHaveAttribute('data-phase', 'approval')
  await card.getByRole('button', { name: 'Allow once' }).click()
  await expect(card).toBeHidden()
  // Answered through the same broker: the window's card goes too, and the call ran (the
  // browser host has no clipboard, so the tool says so instead of "The user declined.").
  await expect(app.getByRole('alertdialog', { name: 'Allow read_clipboard?' })).toBeHidden()
  const output = await fake.waitForClientEvent(
    'conversation.item.create',
    (recorded) =>
      (recorded.event['item'] as { type?: string } | undefined)?.type === 'function_call_output',
    15_000
  )
  expect(String((output.event['item'] as { output: unknown }).output)).not.toMatch(/declined/)
  await overlay.close()
})
