// A new endpoint host is where the API key will go on the next Connect, so the window alone
// cannot decide it: a page that went wrong (a renderer bug, injected script) could otherwise
// point the key at any server with one settings.set. Main asks the user through something the
// page cannot reach or click: a native dialog in the desktop app (src/main/adapters/
// endpoint-dialog.ts). Hosts without one (the browser host, where the page is the only UI) refuse
// a host change from the page; the endpoint is then set where the user started Hark
// (OPENAI_REALTIME_URL). See docs/security.md, "Where the key goes".
import { endpointHost } from '../../shared/endpoint'
import { OPENAI_REALTIME_BASE_URL } from '../../shared/settings'

export interface EndpointConfirmer {
  /** Ask the user, outside the window's reach, whether the key may go to `host`. */
  confirm(host: string): Promise<boolean>
  /** Said when there is no way to ask; null when confirm() really asks the user. */
  readonly unavailableReason: string | null
}

/** For hosts with no UI outside the page: every host change from the page is refused. */
export const noEndpointConfirmer: EndpointConfirmer = {
  confirm: () => Promise.resolve(false),
  unavailableReason:
    'Hark did not change the endpoint host: only the desktop app can ask you to confirm where your API key goes. Here, set OPENAI_REALTIME_URL when you start Hark.'
}

/**
 * The host a settings change would send the key to, when that needs the user's confirmation:
 * a different host (and port) than today's, except OpenAI's own, which the key was made for.
 */
export function hostNeedingConfirmation(
  currentUrl: string,
  nextUrl: string | undefined
): string | null {
  if (nextUrl === undefined) return null
  const next = endpointHost(nextUrl)
  if (next === endpointHost(currentUrl) || next === endpointHost(OPENAI_REALTIME_BASE_URL))
    return null
  return next
}

export function notConfirmedSentence(host: string): string {
  return `Hark did not change the endpoint: you did not confirm sending your API key to ${host}.`
}
