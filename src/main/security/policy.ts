// The Electron security decisions as plain functions (docs/security.md), so they are unit-tested without
// Electron: which page is ours, which IPC sender is accepted, which permission is granted, which
// link may be opened in the user's browser.

/** The privileged scheme the built renderer is served from (src/main/adapters/app-protocol.ts). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'hark'
/** Our page in the app: app://hark/index.html, served from out/renderer. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`

/** Where our renderer lives: the app:// page, or the dev server in development. */
export interface OurPage {
  /** APP_PAGE_URL in the app; tests may pass another app:// page. */
  appUrl: string
  /** ELECTRON_RENDERER_URL when running `electron-vite dev`, else null. */
  devServerUrl: string | null
}

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/** Our own page: the exact app:// page (any hash/query), or the dev server's origin. */
export function isOurPageUrl(url: string, page: OurPage): boolean {
  const candidate = parse(url)
  if (!candidate) return false
  if (candidate.protocol === `${APP_SCHEME}:`) {
    // Node's URL gives a non-special scheme the origin "null": compare the host instead.
    const ours = parse(page.appUrl)
    return (
      ours !== null &&
      candidate.host === APP_HOST &&
      ours.host === APP_HOST &&
      candidate.pathname === ours.pathname
    )
  }
  if (page.devServerUrl === null) return false
  const dev = parse(page.devServerUrl)
  return dev !== null && candidate.origin !== 'null' && candidate.origin === dev.origin
}

/** A frame as the IPC adapter sees it (from Electron's WebFrameMain). */
export interface FrameFacts {
  processId: number
  routingId: number
  /** No parent frame: a top-level document, not an iframe. */
  isTop: boolean
  url: string
}

export type Verdict = { ok: true } | { ok: false; reason: string }

/**
 * Accept IPC only from our window's main frame showing our page (not iframes, not other
 * windows). `frame` is null when the sender navigated away or was destroyed before we looked.
 */
export function senderVerdict(
  frame: FrameFacts | null,
  windowMainFrame: Pick<FrameFacts, 'processId' | 'routingId'> | null,
  page: OurPage
): Verdict {
  if (!frame) return { ok: false, reason: 'the sending frame is gone' }
  if (!frame.isTop) return { ok: false, reason: 'the sender is a subframe' }
  if (
    !windowMainFrame ||
    frame.processId !== windowMainFrame.processId ||
    frame.routingId !== windowMainFrame.routingId
  )
    return { ok: false, reason: 'the sender is not the main frame of the Hark window' }
  if (!isOurPageUrl(frame.url, page))
    return { ok: false, reason: 'the sender is not showing the Hark page' }
  return { ok: true }
}

export interface PermissionFacts {
  permission: string
  /** The page asking (the request's requestingUrl, or the check's requesting origin). */
  requestingUrl: string
  /** Is it our window's web contents at all? */
  fromOurWindow: boolean
  /** Request: the media types asked for. Check: the single media type being checked. */
  mediaTypes: readonly string[]
}

/** Grant only the microphone, only to our page in our window. Camera, screen, etc.: never. */
export function isPermissionAllowed(facts: PermissionFacts, page: OurPage): boolean {
  if (facts.permission !== 'media' || !facts.fromOurWindow) return false
  if (facts.mediaTypes.length === 0 || facts.mediaTypes.some((type) => type !== 'audio'))
    return false
  return isOurPageUrl(facts.requestingUrl, page) || isOurOrigin(facts.requestingUrl, page)
}

/** Permission checks pass an origin (`app://hark`, `http://localhost:5173`), not a full URL. */
function isOurOrigin(origin: string, page: OurPage): boolean {
  const candidate = parse(origin)
  if (!candidate) return false
  if (candidate.protocol === `${APP_SCHEME}:`)
    return (
      candidate.host === APP_HOST &&
      parse(page.appUrl)?.host === APP_HOST &&
      (candidate.pathname === '/' || candidate.pathname === '')
    )
  return page.devServerUrl !== null && candidate.origin === parse(page.devServerUrl)?.origin
}

/** Links the user may open in their browser: https only, a real host, no credentials. */
export function isExternalUrlAllowed(url: string): boolean {
  const candidate = parse(url)
  if (!candidate) return false
  return (
    candidate.protocol === 'https:' &&
    candidate.hostname !== '' &&
    candidate.username === '' &&
    candidate.password === ''
  )
}
