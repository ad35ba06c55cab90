// The browser host itself: `window.hark` over the local WebSocket (under the page's CSP), and
// its guards: token, Origin, files only from the renderer folder.
import WebSocket from 'ws'
import { expect, test } from './fixtures'
import type { PageGlobals } from './page-globals'

function upgradeStatus(url: string, origin: string): Promise<number | 'open'> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { origin })
    socket.on('open', () => {
      socket.close()
      resolve('open')
    })
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('error', () => undefined)
  })
}

test('window.hark reaches the core over the WebSocket allowed by the page CSP', async ({
  app,
  host
}) => {
  const cspViolations: string[] = []
  app.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  const status = await app.evaluate(() => (globalThis as unknown as PageGlobals).hark.key.status())
  expect(status).toEqual({
    ok: true,
    value: { configured: false, source: null, secureStorageAvailable: false }
  })
  const refused = await app.evaluate(() =>
    (globalThis as unknown as PageGlobals).hark.session.sendText({ text: '' })
  )
  // The same reply shape as Electron's preload: a failure answered with its stable code.
  expect(refused).toMatchObject({ ok: false, code: 'invalid_input' })
  // No global hotkey in a browser: the page says how to talk instead.
  const hotkey = await app.evaluate(() =>
    (globalThis as unknown as PageGlobals).hark.hotkey.status()
  )
  expect(hotkey).toMatchObject({ ok: true, value: { mode: 'off', backend: 'none' } })
  expect(hotkey.ok && hotkey.value.reason).toMatch(
    /in the browser, hold “Hold to talk” or press Space/
  )
  expect(cspViolations).toEqual([])
  expect(host.observations.some((o) => o.kind === 'frame')).toBe(true)
})

test('the host refuses sockets without the token or from another origin', async ({ host }) => {
  const page = new URL(host.url)
  const token = page.searchParams.get('token') ?? ''
  const socketUrl = (t: string): string => `ws://${page.host}/hark-socket?token=${t}`
  expect(await upgradeStatus(socketUrl(token), page.origin)).toBe('open')
  expect(await upgradeStatus(socketUrl(''), page.origin)).toBe(403)
  expect(await upgradeStatus(socketUrl(`${token}x`), page.origin)).toBe(403)
  expect(await upgradeStatus(socketUrl(token), 'http://evil.example')).toBe(403)
  expect(await upgradeStatus(socketUrl(token), `http://localhost:${page.port}`)).toBe(403)
})

test('the host serves only the renderer folder, with the bridge injected', async ({ host }) => {
  const origin = new URL(host.url).origin
  const index = await (await fetch(`${origin}/`)).text()
  expect(index.indexOf('<script src="/hark-bridge.js"></script>')).toBeGreaterThan(-1)
  expect(index.indexOf('/hark-bridge.js')).toBeLessThan(index.indexOf('type="module"'))
  expect((await fetch(`${origin}/hark-bridge.js`)).status).toBe(200)
  for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json']) {
    expect((await fetch(`${origin}${path}`)).status, path).toBe(404)
  }
  expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405)
})
