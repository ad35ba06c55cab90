// The browser host's HTTP side against hostile requests: a target that is no URL, and files
// reached through a symbolic link out of the renderer folder.
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { IpcRouter } from '../main/app/hark-main'
import { startWebHost, type WebHost } from './host'

const idleRouter: IpcRouter = {
  handleInvoke: () => Promise.resolve(undefined),
  answerInvoke: () => Promise.resolve({ ok: true, value: undefined }),
  handleSend: () => undefined,
  subscribe: () => () => undefined,
  dispose: () => Promise.resolve()
}

/** Send raw bytes (fetch would refuse to send `//[`) and return the status line. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text))
    let data = ''
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')))
    socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''))
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''))
    socket.on('error', reject)
  })
}

let host: WebHost | null = null
afterEach(async () => {
  await host?.close()
  host = null
})

async function startHost(): Promise<{ host: WebHost; origin: string; outside: string }> {
  const root = await mkdtemp(join(tmpdir(), 'hark-webhost-'))
  const rendererDir = join(root, 'renderer')
  await mkdir(rendererDir)
  await writeFile(join(rendererDir, 'index.html'), '<html><head></head><body></body></html>')
  await writeFile(join(rendererDir, 'app.js'), 'console.log(1)')
  const outside = join(root, 'secret.txt')
  await writeFile(outside, 'not for the page')
  await symlink(outside, join(rendererDir, 'leak.txt'))
  host = await startWebHost({ port: 0, rendererDir, router: idleRouter })
  return { host, origin: `http://127.0.0.1:${host.port}`, outside }
}

describe('browser host: hostile requests', () => {
  it('answers a target that is no URL with 400 and keeps serving', async () => {
    const { host, origin } = await startHost()
    const hostHeader = `Host: 127.0.0.1:${host.port}\r\n`
    const plain = await rawRequest(
      host.port,
      `GET //[ HTTP/1.1\r\n${hostHeader}Connection: close\r\n\r\n`
    )
    expect(plain).toBe('HTTP/1.1 400 Bad Request')
    const upgrade = await rawRequest(
      host.port,
      `GET //[ HTTP/1.1\r\n${hostHeader}Connection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n` +
        `Origin: ${origin}\r\n\r\n`
    )
    expect(upgrade).toBe('HTTP/1.1 400 Bad Request')
    expect((await fetch(`${origin}/app.js`)).status).toBe(200)
  })

  it('serves no file whose real path leaves the renderer folder', async () => {
    const { origin } = await startHost()
    const response = await fetch(`${origin}/leak.txt`)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('not for the page')
    expect((await fetch(`${origin}/`)).status).toBe(200)
  })
})
