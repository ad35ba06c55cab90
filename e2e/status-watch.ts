// Records every text the status element shows, since a reconnect (or its absence) can take well
// under a poll interval.
import type { Page } from '@playwright/test'

/** Just enough DOM for `page.evaluate` (e2e is type-checked without the DOM library). */
interface StatusWatch {
  document: { querySelector(selector: string): { textContent: string | null } | null }
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void
  }
  /** Every text the status element showed since the watch began. */
  harkStatusTexts?: string[]
}

export async function watchStatusTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as StatusWatch
    const element = scope.document.querySelector('[role="status"]')
    const texts: string[] = []
    scope.harkStatusTexts = texts
    new scope.MutationObserver(() => texts.push(element?.textContent ?? '')).observe(element, {
      subtree: true,
      childList: true,
      characterData: true
    })
  })
}

export function statusTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as StatusWatch).harkStatusTexts ?? [])
}
