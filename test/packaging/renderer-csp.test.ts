// The renderer's Content-Security-Policy as shipped: in the source page and, when it has been
// built (`npm run build`, as CI does before the tests), in out/renderer/index.html.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readText, repoPath } from './repo'

/** Directive name → sources, from the page's CSP meta tag. */
function cspOf(html: string): Map<string, string[]> {
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
  if (!meta?.[1]) throw new Error('no Content-Security-Policy meta tag')
  const directives = new Map<string, string[]>()
  for (const part of meta[1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name.toLowerCase(), sources)
  }
  return directives
}

const pages = [
  ['src/renderer/index.html', true],
  ['out/renderer/index.html', existsSync(repoPath('out/renderer/index.html'))],
  // The overlay page (issue 13): the same policy, the same build step.
  ['src/renderer/overlay.html', true],
  ['out/renderer/overlay.html', existsSync(repoPath('out/renderer/overlay.html'))]
] as const

describe.each(pages)('CSP of %s', (page, present) => {
  it.skipIf(!present)('allows only our own code and no remote content', () => {
    const html = readText(page)
    const csp = cspOf(html)
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'none'"])
    // The Realtime connection lives in main: the page talks to nothing but itself.
    expect(csp.get('connect-src')).toEqual(["'self'"])
    // A recording plays from the bytes main hands the page (History), as a blob: URL.
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:'])
    for (const [name, sources] of csp) {
      for (const source of sources) {
        expect(source, name).not.toMatch(/^(\*|https?:|wss?:|'unsafe-eval'|'wasm-unsafe-eval')/)
        if (name !== 'style-src') expect(source, name).not.toBe("'unsafe-inline'")
      }
    }
    // Inline styles only for Vite's dev server, which serves the source page.
    if (page.startsWith('out/')) expect(csp.get('style-src')).toEqual(["'self'"])
    // No inline scripts to need 'unsafe-inline' in the first place.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i)
  })
})
