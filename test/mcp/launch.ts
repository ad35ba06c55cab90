// How tests configure the test MCP server in mcp.json: bundled once with esbuild (tsx would add
// seconds to every start on a loaded machine), then run by this Node over stdio.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildSync } from 'esbuild'
import type { McpServerConfig } from '../../src/shared/tools-ipc'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const SOURCE = join(root, 'test/mcp/test-server.ts')
// Inside the repository, so that its imports resolve from our node_modules.
const BUNDLE = join(root, 'test-results/mcp/test-server.mjs')
let built = false

export function testServerPath(): string {
  if (!built) {
    mkdirSync(dirname(BUNDLE), { recursive: true })
    buildSync({
      entryPoints: [SOURCE],
      outfile: BUNDLE,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error'
    })
    built = true
  }
  return BUNDLE
}

export function testServerConfig(mode = 'normal'): McpServerConfig {
  return { command: process.execPath, args: [testServerPath()], env: { HARK_TEST_MCP_MODE: mode } }
}
