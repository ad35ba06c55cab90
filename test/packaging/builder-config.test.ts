// electron-builder.yml without the Electron binary: valid against electron-builder's own schema,
// and the settings docs/security.md asks of the packaged app (fuses, entitlements, ASAR, installers).
import { existsSync } from 'node:fs'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { list, obj, readText, readYaml, repoPath, requireFromRoot, type Json } from './repo'

const config = obj(readYaml('electron-builder.yml'), 'electron-builder.yml')
const schema = requireFromRoot('app-builder-lib/scheme.json') as Json

// The options electron-builder itself compiles scheme.json with (schemaValidator.js): its schema
// uses a custom `typeof` keyword, which non-strict mode ignores.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)

type ValidateConfiguration = (config: unknown, debug: { isEnabled: boolean }) => Promise<void>
const { validateConfiguration } = requireFromRoot('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration: ValidateConfiguration
}

describe('electron-builder.yml against app-builder-lib/scheme.json', () => {
  it('is valid', () => {
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true)
  })

  it('passes electron-builder’s own validation (schema plus its deprecation checks)', async () => {
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined()
  })

  it('rejects a misspelt key, so the check above is not vacuous', () => {
    expect(validate({ ...config, electronFuse: {} })).toBe(false)
    const fuses = obj(config.electronFuses, 'electronFuses')
    expect(validate({ ...config, electronFuses: { ...fuses, runAsnode: false } })).toBe(false)
  })
})

describe('packaged-app settings', () => {
  it('flips the fuses docs/security.md lists', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The renderer comes from app:// (src/main/adapters/app-protocol.ts), not file://.
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('packs into an ASAR and unpacks native modules (the keyboard hook)', () => {
    expect(config.asar ?? true).toBe(true)
    const unpack = list(config.asarUnpack, 'asarUnpack')
    expect(unpack).toContain('**/node_modules/uiohook-napi/**')
    expect(unpack).toContain('**/*.node')
    // Prebuilt N-API binaries: nothing to rebuild against Electron's headers.
    expect(config.npmRebuild).toBe(false)
  })

  it('ships only the built app and package.json (production node_modules are added by the tool)', () => {
    const files = list(config.files, 'files').map(String)
    const included = files.filter((pattern) => !pattern.startsWith('!'))
    expect(included.sort()).toEqual(['out/**', 'package.json'])
    expect(files).toContain('!**/*.{map,ts,tsx,md}')
  })

  it('builds dmg and zip for arm64 and x64 with the hardened runtime on macOS', () => {
    const mac = obj(config.mac, 'mac')
    expect(mac.hardenedRuntime).toBe(true)
    const targets = list(mac.target, 'mac.target').map((t) => obj(t, 'mac.target[]'))
    for (const name of ['dmg', 'zip']) {
      const target = targets.find((t) => t.target === name)
      expect(target?.arch, name).toEqual(expect.arrayContaining(['arm64', 'x64']))
    }
    // Notarization is left to electron-builder's env-driven default (skipped without APPLE_*).
    expect(mac.notarize).toBeUndefined()
    const info = obj(mac.extendInfo, 'mac.extendInfo')
    expect(info.NSMicrophoneUsageDescription).toMatch(/\w{4}.*\bvoice\b/)
    expect(info.NSAccessibilityUsageDescription).toMatch(/key/)
  })

  it('grants only JIT and the microphone in the macOS entitlements', () => {
    const mac = obj(config.mac, 'mac')
    expect(mac.entitlements).toBe('resources/entitlements.mac.plist')
    expect(mac.entitlementsInherit).toBe('resources/entitlements.mac.plist')
    const plist = readText('resources/entitlements.mac.plist')
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\s*\/>/g)].map((m) => m[1])
    expect(granted.sort()).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.device.audio-input'
    ])
    expect(plist).not.toMatch(/<false\s*\/>|<string>/)
  })

  it('installs per user on Windows, without administrator rights', () => {
    const win = obj(config.win, 'win')
    expect(list(win.target, 'win.target')).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false })
  })

  it('builds AppImage and deb with a desktop entry on Linux', () => {
    const linux = obj(config.linux, 'linux')
    const names = list(linux.target, 'linux.target').map((t) => obj(t, 'linux.target[]').target)
    expect(names).toEqual(['AppImage', 'deb'])
    const entry = obj(obj(linux.desktop, 'linux.desktop').entry, 'linux.desktop.entry')
    expect(entry).toMatchObject({ Name: 'Hark', Categories: expect.stringMatching(/;$/) as string })
  })

  it('points every platform at an icon that exists', () => {
    expect(obj(config.mac, 'mac').icon).toBe('resources/icon.icns')
    expect(obj(config.win, 'win').icon).toBe('resources/icon.ico')
    expect(obj(config.linux, 'linux').icon).toBe('resources/icons')
    for (const file of ['resources/icon.icns', 'resources/icon.ico', 'resources/icons/512x512.png'])
      expect(existsSync(repoPath(file)), file).toBe(true)
  })
})

describe('download names', () => {
  const { getArtifactArchName, Arch } = requireFromRoot('builder-util/out/arch.js') as {
    getArtifactArchName: (arch: number, ext: string) => string
    Arch: Record<string, number>
  }
  /** What electron-builder names each installer, with the version left as `<version>`. */
  function artifactNames(): string[] {
    const names: string[] = []
    const pattern = (section: string): string => {
      const own = obj(config[section] ?? {}, section).artifactName
      return typeof own === 'string' ? own : String(config.artifactName)
    }
    const expand = (template: string, arch: string, ext: string): string =>
      template
        .replace('${productName}', 'Hark')
        .replace('${version}', '<version>')
        .replace('${arch}', getArtifactArchName(Arch[arch] ?? -1, ext))
        .replace('${ext}', ext)
    const targets = [
      ['mac', 'dmg', 'dmg'],
      ['win', 'nsis', 'exe'],
      ['linux', 'appImage', 'AppImage'],
      ['linux', 'deb', 'deb']
    ] as const
    for (const [platform, target, ext] of targets) {
      const entry = list(obj(config[platform], platform).target, `${platform}.target`)
        .map((t) => obj(t, `${platform}.target`))
        .find((t) => String(t.target).toLowerCase() === target.toLowerCase())
      if (!entry) throw new Error(`${platform} builds no ${target}`)
      for (const arch of list(entry.arch, `${platform}.${target}.arch`).map(String))
        names.push(expand(pattern(target), arch, ext))
    }
    return names
  }

  it('are the ones the README tells users to download', () => {
    const names = artifactNames()
    expect(names).toEqual([
      'Hark-<version>-arm64.dmg',
      'Hark-<version>-x64.dmg',
      'Hark-Setup-<version>.exe',
      'Hark-<version>-x86_64.AppImage',
      'Hark-<version>-amd64.deb'
    ])
    const readme = readText('README.md')
    for (const name of names) expect(readme).toContain(`\`${name}\``)
  })
})
