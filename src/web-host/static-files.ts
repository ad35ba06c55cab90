// Serves the built renderer: only files whose real path is inside its folder, GET/HEAD only,
// index.html with the `window.hark` bridge script injected before the app's own scripts. A
// request target that is no URL at all (`//[`) gets 400, never an exception.
import { readFileSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { contentTypeOf, requestPath, resolveRendererFile } from '../main/security/renderer-files'
import { BRIDGE_SCRIPT_PATH } from './wire'

const baseHeaders = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin'
}

/** index.html with `<script src="/hark-bridge.js">` before the first script (or `</head>`). */
export function injectBridge(html: string): string {
  const tag = `<script src="${BRIDGE_SCRIPT_PATH}"></script>\n    `
  const at = html.search(/<script\b/i)
  if (at >= 0) return html.slice(0, at) + tag + html.slice(at)
  return html.replace(/<\/head>/i, `${tag}</head>`)
}

function reply(
  response: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  head: boolean
): void {
  response.writeHead(status, { ...baseHeaders, 'Content-Type': type })
  response.end(head ? undefined : body)
}

export function serveRenderer(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  bridgeScript: string
): void {
  const method = request.method ?? 'GET'
  const head = method === 'HEAD'
  if (method !== 'GET' && !head) {
    reply(response, 405, 'text/plain', 'Method not allowed', head)
    return
  }
  const pathname = requestPath(request.url)
  if (pathname === null) {
    reply(response, 400, 'text/plain', 'Bad request', head)
    return
  }
  if (pathname === BRIDGE_SCRIPT_PATH) {
    reply(response, 200, contentTypeOf(BRIDGE_SCRIPT_PATH), bridgeScript, head)
    return
  }
  const file = resolveRendererFile(rendererDir, pathname === '/' ? '/index.html' : pathname)
  if (!file) {
    reply(response, 404, 'text/plain', 'Not found', head)
    return
  }
  const type = contentTypeOf(file)
  // Every page (index.html, overlay.html) gets the bridge.
  if (type.startsWith('text/html')) {
    reply(response, 200, type, injectBridge(readFileSync(file, 'utf8')), head)
    return
  }
  reply(response, 200, type, readFileSync(file), head)
}
