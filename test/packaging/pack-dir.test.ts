// A real `electron-builder --linux dir` run against a stand-in Electron binary (the real one
// cannot be downloaded here): proves the configuration packs, that electron-builder flips the
// fuses we configured, and what ends up inside app.asar. Needs the built app (`npm run build`).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoPath, requireFromRoot, root } from './repo'

const built = existsSync(repoPath('out/main/index.js')) && existsSync(repoPath('out/preload'))
// Cross-building a Linux folder from Windows is not something we need or have tried.
const runs = built && process.platform !== 'win32'
// Electron's fuse wire: this sentinel, the wire version (1), its length, then one byte per fuse
// ('0' off, '1' on). The stand-in starts from Electron's defaults, so every flip is our config.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const DEFAULT_WIRE = '101100011'
const ON = '1'.charCodeAt(0)
const OFF = '0'.charCodeAt(0)

const { getCurrentFuseWire, FuseV1Options } = requireFromRoot('@electron/fuses') as {
  getCurrentFuseWire: (path: string) => Promise<Record<number, number>>
  FuseV1Options: Record<string, number>
}
const { listPackage } = requireFromRoot('@electron/asar') as {
  listPackage: (path: string, options: { isPack: boolean }) => string[]
}

let work = ''
let appDir = ''

beforeAll(async () => {
  if (!runs) return
  work = mkdtempSync(join(tmpdir(), 'hark-pack-'))
  const dist = join(work, 'electron-dist')
  mkdirSync(join(dist, 'resources'), { recursive: true })
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE)
  ])
  writeFileSync(join(dist, 'electron'), wire, { mode: 0o755 })
  for (const file of ['LICENSE', 'LICENSES.chromium.html', 'version'])
    writeFileSync(join(dist, file), '')
  const cli = join(dirname(requireFromRoot.resolve('electron-builder/package.json')), 'cli.js')
  await promisify(execFile)(
    process.execPath,
    [
      cli,
      '--linux',
      'dir',
      `-c.electronDist=${dist}`,
      `-c.directories.output=${join(work, 'release')}`,
      '--publish',
      'never'
    ],
    { cwd: root, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } }
  )
  appDir = join(work, 'release', 'linux-unpacked')
}, 180_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe.skipIf(!runs)('electron-builder --dir with a stand-in Electron', () => {
  it('flips the fuses in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'hark'))
    const state = (name: string): number | undefined => wire[FuseV1Options[name] ?? -1]
    expect(state('RunAsNode')).toBe(OFF)
    expect(state('EnableNodeOptionsEnvironmentVariable')).toBe(OFF)
    expect(state('EnableNodeCliInspectArguments')).toBe(OFF)
    expect(state('EnableCookieEncryption')).toBe(ON)
    expect(state('EnableEmbeddedAsarIntegrityValidation')).toBe(ON)
    expect(state('OnlyLoadAppFromAsar')).toBe(ON)
    expect(state('GrantFileProtocolExtraPrivileges')).toBe(OFF)
  })

  it('packs the built app, package.json and production modules only', () => {
    const entries = listPackage(join(appDir, 'resources', 'app.asar'), { isPack: false }).map(
      (entry) => entry.replace(/\\/g, '/')
    )
    const topLevel = new Set(entries.map((entry) => entry.split('/')[1]))
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json'])
    expect(entries).toContain('/out/main/index.js')
    expect(entries).toContain('/out/renderer/index.html')
    expect(entries.some((entry) => entry.endsWith('.map'))).toBe(false)
    for (const dev of ['electron', 'vite', 'vitest', 'sharp', 'typescript', 'electron-builder'])
      expect(entries, dev).not.toContain(`/node_modules/${dev}`)
    expect(entries).toContain('/node_modules/ws')
  })

  it('puts the tray icons beside the ASAR, where the entry loads them', () => {
    for (const look of ['idle', 'listening', 'speaking', 'error'])
      for (const name of [`${look}.png`, `${look}@2x.png`, `${look}Template.png`])
        expect(existsSync(join(appDir, 'resources', 'tray', name)), name).toBe(true)
  })
})
