// Which file a request for the renderer may read: shared by the desktop app's app:// scheme
// (src/main/adapters/app-protocol.ts) and the browser host (src/web-host/static-files.ts). Only a
// regular file whose real path (symbolic links followed) is inside the renderer folder; anything
// else, including a path that does not decode, is no file at all.
import { realpathSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

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

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** The path part of a request target, or null when it is no URL at all (e.g. `//[`). */
export function requestPath(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://host.invalid').pathname
  } catch {
    return null
  }
}

/** The real path of the file for `urlPath`, or null if it would leave `root` or is no file. */
export function resolveRendererFile(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  try {
    const base = realpathSync(resolve(root))
    const file = realpathSync(resolve(base, `.${decoded.startsWith('/') ? '' : '/'}${decoded}`))
    if (!file.startsWith(base + sep)) return null
    return statSync(file).isFile() ? file : null
  } catch {
    return null
  }
}

/**
 * The app:// scheme's answer (Electron's protocol.handle takes web Request/Response, so this runs
 * in plain Node tests): GET of a file inside the renderer folder on host `host`, else 404/405.
 */
export async function answerRendererRequest(
  request: Request,
  rendererDir: string,
  host: string
): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return new Response('Method not allowed', { status: 405, headers })
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return new Response('Bad request', { status: 400, headers })
  }
  const file =
    url.host === host
      ? resolveRendererFile(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname)
      : null
  if (!file) return new Response('Not found', { status: 404, headers })
  try {
    const body = request.method === 'HEAD' ? null : await readFile(file)
    return new Response(body, { headers: { ...headers, 'Content-Type': contentTypeOf(file) } })
  } catch {
    return new Response('Not found', { status: 404, headers })
  }
}
