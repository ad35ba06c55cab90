// Serves the built renderer: only files inside its folder, GET/HEAD only, index.html with the
// `window.hark` bridge script injected before the app's own scripts.
import { readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'
import { BRIDGE_SCRIPT_PATH } from './wire'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.map': 'application/json'
}

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

/** The file for a URL path, or null if it would leave `root` or does not exist. */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const base = resolve(root)
  const file = resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`)
  if (!file.startsWith(base + sep)) return null
  try {
    return statSync(file).isFile() ? file : null
  } catch {
    return null
  }
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
  const { pathname } = new URL(request.url ?? '/', 'http://host.invalid')
  if (pathname === BRIDGE_SCRIPT_PATH) {
    reply(response, 200, contentTypes['.js'] ?? '', bridgeScript, head)
    return
  }
  const file = resolveInside(rendererDir, pathname === '/' ? '/index.html' : pathname)
  if (!file) {
    reply(response, 404, 'text/plain', 'Not found', head)
    return
  }
  const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
  if (file === resolve(rendererDir, 'index.html')) {
    reply(response, 200, type, injectBridge(readFileSync(file, 'utf8')), head)
    return
  }
  reply(response, 200, type, readFileSync(file), head)
}
