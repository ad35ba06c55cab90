import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

// The Realtime SDK, `ws` and `openai` stay external in the main bundle: bundling them would let
// the bundler pick the SDK's `browser` shim (global WebSocket + subprotocol auth), which refuses
// a normal API key (reference/agents-realtime-sdk.md §1, "Pitfall for bundled Electron main code").
// electron-vite externalizes every `dependencies` entry by default; these are listed so that
// moving one of them to devDependencies cannot silently bundle it.
// uiohook-napi is a native module (its .node binary is unpacked from the ASAR, electron-builder.yml).
const mainExternals = [
  '@openai/agents-realtime',
  '@openai/agents-core',
  'openai',
  'ws',
  'uiohook-napi'
]
const root = dirname(fileURLToPath(import.meta.url))

// Vite's dev server injects styles as <style> tags, so the source page allows inline styles; the
// built page loads stylesheet files only, and ships without 'unsafe-inline' (DESIGN.md §9).
const strictStyleCspInBuild: Plugin = {
  name: 'hark-strict-style-csp',
  apply: 'build',
  transformIndexHtml(html) {
    const strict = html.replace(/(style-src 'self') 'unsafe-inline'/, '$1')
    if (strict === html) throw new Error("a page: no style-src 'unsafe-inline' to remove")
    return strict
  }
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { include: mainExternals },
      rollupOptions: {
        input: { index: resolve(root, 'src/main/index.ts') }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot load modules: bundle everything, emit CommonJS.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    build: {
      // electron-vite leaves bundles unminified; the page is parsed at every window start.
      minify: true,
      rollupOptions: {
        input: {
          index: resolve(root, 'src/renderer/index.html'),
          // The floating overlay (issue 13): a second page, same CSP, same preload.
          overlay: resolve(root, 'src/renderer/overlay.html')
        }
      }
    },
    plugins: [react(), strictStyleCspInBuild]
  }
})
