// The generated app icons (`npm run icons` from resources/icon.svg): every size each platform
// needs, in the container formats electron-builder expects.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readText, repoPath } from './repo'

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  )
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('app icons', () => {
  it('has a source SVG with a square view box', () => {
    expect(readText('resources/icon.svg')).toMatch(/viewBox="0 0 1024 1024"/)
  })

  it.each([16, 24, 32, 48, 64, 128, 256, 512, 1024])('has a %ipx PNG for Linux', (size) => {
    const bytes = readFileSync(repoPath('resources/icons', `${size}x${size}.png`))
    expect(pngSize(bytes)).toEqual({ width: size, height: size })
  })

  it('has a 1024px icon.png', () => {
    expect(pngSize(readFileSync(repoPath('resources/icon.png')))).toEqual({
      width: 1024,
      height: 1024
    })
  })

  it('has an .icns with the retina sizes macOS needs', () => {
    const icns = readFileSync(repoPath('resources/icon.icns'))
    expect(icns.toString('latin1', 0, 4)).toBe('icns')
    expect(icns.readUInt32BE(4)).toBe(icns.length)
    const types = new Set<string>()
    for (let offset = 8; offset + 8 <= icns.length;) {
      types.add(icns.toString('latin1', offset, offset + 4))
      const length = icns.readUInt32BE(offset + 4)
      if (length < 8) break
      offset += length
    }
    // ic10 = 1024 (512@2x), ic09 = 512, ic08 = 256, ic07 = 128.
    for (const type of ['ic07', 'ic08', 'ic09', 'ic10']) expect(types, type).toContain(type)
  })

  it('has an .ico with a 256px image for Windows', () => {
    const ico = readFileSync(repoPath('resources/icon.ico'))
    expect(ico.readUInt16LE(0)).toBe(0)
    expect(ico.readUInt16LE(2)).toBe(1)
    const count = ico.readUInt16LE(4)
    // A width byte of 0 in a directory entry means 256 px.
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256)
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]))
  })

  it.each(['idle', 'listening', 'speaking', 'error'])(
    'has %s tray icons at 16 px and @2x, as macOS templates and in colour',
    (look) => {
      for (const name of [look, `${look}Template`]) {
        const size = (file: string): { width: number; height: number } =>
          pngSize(readFileSync(repoPath('resources/tray', file)))
        expect(size(`${name}.png`), name).toEqual({ width: 16, height: 16 })
        expect(size(`${name}@2x.png`), name).toEqual({ width: 32, height: 32 })
      }
    }
  )
})
