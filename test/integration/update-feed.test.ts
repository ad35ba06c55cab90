// The update logic against a local generic-provider feed on 127.0.0.1, through electron-updater's
// own feed reading, version comparison, download and sha512 check (test/doubles/node-updater.ts
// says what runs and what does not): a newer version is downloaded and offered as "Restart to
// update"; the same or an older version, a malformed feed and a server that is down change
// nothing but a line in the log.
import { createHash } from 'node:crypto'
import { mkdtemp, readdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { electronUpdaterPort } from '../../src/main/updates/electron-updater-port'
import { UpdateService } from '../../src/main/updates/update-service'
import type { UpdateStatus } from '../../src/shared/updates'
import { nodeUpdater } from '../doubles/node-updater'

const CURRENT = '1.1.0'
const PACKAGE = Buffer.from('not really a .deb, but its sha512 is checked all the same')
const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64')

function feed(version: string, hash = sha512(PACKAGE)): string {
  const file = `Hark-${version}-amd64.deb`
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${hash}`,
    `    size: ${PACKAGE.length}`,
    `path: ${file}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-11-30T12:00:00.000Z'",
    ''
  ].join('\n')
}

let server: Server | null = null
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  server = null
})

/** Serves `latest-linux.yml` (the Linux feed) and any `.deb` as PACKAGE. */
async function serveFeed(latestLinuxYml: string): Promise<string> {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/latest-linux.yml'))
      res.writeHead(200, { 'Content-Type': 'text/yaml' }).end(latestLinuxYml)
    else if (req.url?.endsWith('.deb'))
      res.writeHead(200, { 'Content-Length': PACKAGE.length }).end(PACKAGE)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

async function closedFeedUrl(): Promise<string> {
  const url = await serveFeed('')
  await new Promise((resolve) => server?.close(resolve))
  server = null
  return url
}

async function run(feedUrl: string): Promise<{
  service: UpdateService
  changes: UpdateStatus[]
  logs: string[]
  dir: string
  installOnQuit: boolean[]
}> {
  const dir = await mkdtemp(join(tmpdir(), 'hark-update-'))
  const logs: string[] = []
  const log = (level: string, message: string, data?: Record<string, unknown>): void => {
    logs.push(`${level} ${message} ${JSON.stringify(data ?? {})}`)
  }
  const port = electronUpdaterPort(await nodeUpdater(dir, CURRENT, feedUrl), CURRENT, log)
  const installOnQuit: boolean[] = []
  const changes: UpdateStatus[] = []
  const service = new UpdateService({
    port: {
      ...port,
      setInstallOnQuit: (on) => {
        installOnQuit.push(on)
        port.setInstallOnQuit(on)
      }
    },
    checksEnabled: () => Promise.resolve(true),
    onChange: (status) => changes.push(status),
    log
  })
  await service.check()
  return { service, changes, logs, dir, installOnQuit }
}

const hark = (logs: string[]): string[] => logs.filter((line) => !line.includes('electron-updater'))

describe('updates from a local generic feed', () => {
  it('downloads a newer version, verifies it and offers Restart to update', async () => {
    const { service, changes, logs, dir, installOnQuit } = await run(await serveFeed(feed('1.2.0')))
    expect(changes).toEqual([
      { phase: 'downloading', version: '1.2.0' },
      { phase: 'ready', version: '1.2.0' }
    ])
    expect(service.status()).toEqual({ phase: 'ready', version: '1.2.0' })
    expect(hark(logs).at(-1)).toMatch(/updates: downloaded, ready to install.*1\.2\.0/)
    expect(await readdir(join(dir, 'cache', 'hark-updater-test', 'pending'))).toContain(
      'Hark-1.2.0-amd64.deb'
    )
    // Idle: it installs on quit. A live session turns that off until it ends.
    expect(installOnQuit).toEqual([true])
    service.noteConnection('connected')
    service.noteConnection('disconnected')
    expect(installOnQuit).toEqual([true, false, true])
  })

  it.each([
    ['the same version', feed(CURRENT)],
    ['an older version', feed('1.0.3')]
  ])('does nothing but log when the feed offers %s', async (_what, yml) => {
    const { service, changes, logs } = await run(await serveFeed(yml))
    expect(changes).toEqual([])
    expect(service.status()).toEqual({ phase: 'idle', version: null })
    expect(hark(logs)).toEqual([expect.stringMatching(/^info updates: no newer version/)])
  })

  it.each([
    ['not YAML at all', 'version: [1.2.0\n  :: nope'],
    ['no version', 'files: []\n'],
    ['no files', 'version: 9.9.9\n']
  ])('does nothing but log when the feed is malformed (%s)', async (_what, yml) => {
    const { service, changes, logs } = await run(await serveFeed(yml))
    expect(changes).toEqual([])
    expect(service.status()).toEqual({ phase: 'idle', version: null })
    expect(hark(logs)).toEqual([
      expect.stringMatching(/^warn updates: the update feed could not be read/)
    ])
  })

  it('does nothing but log when the feed server is down', async () => {
    const { service, changes, logs } = await run(await closedFeedUrl())
    expect(changes).toEqual([])
    expect(service.status().phase).toBe('idle')
    expect(hark(logs)).toEqual([
      expect.stringMatching(/^warn updates: the update feed could not be read.*ECONNREFUSED/)
    ])
  })

  it('drops a download whose sha512 does not match the feed, and says so in the log', async () => {
    const { service, changes, logs } = await run(
      await serveFeed(feed('1.2.0', sha512(Buffer.from('another file'))))
    )
    expect(changes.at(-1)).toEqual({ phase: 'idle', version: null })
    expect(service.status().phase).toBe('idle')
    expect(hark(logs).at(-1)).toMatch(/^warn updates: the download failed/)
  })
})
