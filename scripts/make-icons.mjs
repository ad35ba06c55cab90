// Generates every app icon from resources/icon.svg (`npm run icons`); the outputs are committed
// so packaging never needs these tools. sharp (librsvg) renders the SVG once per size rather
// than downscaling one bitmap, so small sizes stay crisp; png2icons packs .icns and .ico.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import png2icons from 'png2icons'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const resources = join(root, 'resources')
const svg = readFileSync(join(resources, 'icon.svg'))

// Linux reads resources/icons/<N>x<N>.png (electron-builder's `linux.icon` directory form).
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]

const render = (size) =>
  sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 1024)) })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer()

mkdirSync(join(resources, 'icons'), { recursive: true })
for (const size of PNG_SIZES) {
  writeFileSync(join(resources, 'icons', `${size}x${size}.png`), await render(size))
}
const master = await render(1024)
writeFileSync(join(resources, 'icon.png'), master)

// BICUBIC scaling; 0 colours = keep full colour. The .ico embeds PNGs (Vista+) and is marked for
// use in an .exe, as NSIS and the Windows shell expect.
const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0)
const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, true, true)
if (!icns || !ico) throw new Error('png2icons could not build the .icns/.ico files')
writeFileSync(join(resources, 'icon.icns'), icns)
writeFileSync(join(resources, 'icon.ico'), ico)
console.log(`icons: ${PNG_SIZES.length} PNGs, icon.png, icon.icns, icon.ico written to resources/`)

// Tray (menu bar) icons, one per look the tray shows (src/main/desktop/tray-state.ts), drawn on a
// 32-unit grid. macOS gets black-on-transparent "Template" images that the menu bar tints for
// light and dark; Windows and Linux get the glyph in white on a coloured disc, readable on light
// and dark taskbars. 16 px plus @2x (32 px) each; Electron picks the @2x file on dense screens.
const bubble = (c) =>
  `<path d="M6 5h20a4 4 0 0 1 4 4v11a4 4 0 0 1-4 4H14l-6 5v-5H6a4 4 0 0 1-4-4V9a4 4 0 0 1 4-4z" fill="none" stroke="${c}" stroke-width="2.5" stroke-linejoin="round"/>`
const GLYPHS = {
  // A quiet speech bubble: connected or not, nothing is happening.
  idle: (c) =>
    `${bubble(c)}<g fill="${c}"><circle cx="10" cy="14.5" r="2"/><circle cx="16" cy="14.5" r="2"/><circle cx="22" cy="14.5" r="2"/></g>`,
  // A microphone: Hark is taking your turn.
  listening: (c) =>
    `<rect x="11" y="2" width="10" height="17" rx="5" fill="${c}"/><g fill="none" stroke="${c}" stroke-width="2.5" stroke-linecap="round"><path d="M6.5 14a9.5 9.5 0 0 0 19 0"/><path d="M16 24v5M11 29h10"/></g>`,
  // Sound bars, as in the app icon: Hark is answering.
  speaking: (c) =>
    `<g fill="${c}"><rect x="3.25" y="12" width="3.5" height="8" rx="1.75"/><rect x="8.75" y="8" width="3.5" height="16" rx="1.75"/><rect x="14.25" y="3" width="3.5" height="26" rx="1.75"/><rect x="19.75" y="9" width="3.5" height="14" rx="1.75"/><rect x="25.25" y="13" width="3.5" height="6" rx="1.75"/></g>`,
  // The bubble with an exclamation mark: the connection or a response failed.
  error: (c) =>
    `${bubble(c)}<g fill="${c}"><rect x="14.75" y="8" width="2.5" height="8.5" rx="1.25"/><circle cx="16" cy="20" r="1.7"/></g>`
}
const DISC = { idle: '#4f46e5', listening: '#dc2626', speaking: '#c2410c', error: '#92400e' }
export const TRAY_LOOKS = Object.keys(GLYPHS)

const svgDoc = (body) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">${body}</svg>`
  )
const trayTemplate = (look) => svgDoc(GLYPHS[look]('#000000'))
const trayColour = (look) =>
  svgDoc(
    `<circle cx="16" cy="16" r="15.5" fill="${DISC[look]}"/><g transform="translate(16 16) scale(0.64) translate(-16 -16)">${GLYPHS[look]('#ffffff')}</g>`
  )
const renderTray = (doc, size) =>
  sharp(doc, { density: 72 * (size / 32) * 4 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer()

const trayDir = join(resources, 'tray')
mkdirSync(trayDir, { recursive: true })
for (const look of TRAY_LOOKS) {
  for (const [name, doc] of [
    [`${look}Template`, trayTemplate(look)],
    [look, trayColour(look)]
  ]) {
    writeFileSync(join(trayDir, `${name}.png`), await renderTray(doc, 16))
    writeFileSync(join(trayDir, `${name}@2x.png`), await renderTray(doc, 32))
  }
}
console.log(`tray: ${TRAY_LOOKS.length * 4} PNGs written to resources/tray/`)
