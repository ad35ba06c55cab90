// For hands-free tests about something else: a user who already ran the echo check (on
// headphones, no echo), so the first hands-free session does not run it first (issue 13 §3).
import type { Page } from '@playwright/test'
import type { EchoCheckResult } from '../src/shared/echo-check'
import type { PageGlobals } from './page-globals'

export const NO_ECHO: EchoCheckResult = {
  checkedAt: '2026-11-30T00:00:00.000Z',
  echo: false,
  delayMs: null,
  levelDb: null,
  verdict: 'fine',
  granted: { echoCancellation: true, noiseSuppression: true, autoGainControl: false }
}

/** Stores the result in main; the page's settings follow at its next settings save or load. */
export async function markEchoChecked(page: Page): Promise<void> {
  await page.evaluate(
    (echoCheck) => (globalThis as unknown as PageGlobals).hark.settings.set({ echoCheck }),
    NO_ECHO
  )
}
