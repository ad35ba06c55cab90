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
