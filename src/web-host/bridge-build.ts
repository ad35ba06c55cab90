// Builds the page's `window.hark` bridge (src/web-host/bridge) into one classic script with
// esbuild, in memory, when the host starts.
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))

export async function buildBridge(): Promise<string> {
  const result = await build({
    entryPoints: [resolve(here, 'bridge/index.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent'
  })
  const output = result.outputFiles[0]
  if (!output) throw new Error('esbuild produced no bridge script')
  return output.text
}
