// The preload ships in every window: it gets the contract's channel list, not its schemas
// (issue 13, "lighter seams"). Walks the preload's value imports (type-only ones are erased)
// and fails if any of them reaches zod.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { channelsOfKind as contractChannels } from '../shared/ipc'
import { channelKinds, channelsOfKind } from '../shared/ipc-channels'

const VALUE_IMPORT = /^import\s+(?!type\s)[^'"]*?from\s+'([^']+)'/gm

function valueImports(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen
  const source = readFileSync(file, 'utf8')
  const specifiers = [...source.matchAll(VALUE_IMPORT)].map((match) => match[1] ?? '')
  seen.set(file, specifiers)
  for (const specifier of specifiers)
    if (specifier.startsWith('.')) valueImports(resolve(dirname(file), `${specifier}.ts`), seen)
  return seen
}

describe('the preload', () => {
  it('bundles no zod: none of its value imports reaches it', () => {
    const graph = valueImports(resolve(import.meta.dirname, 'index.ts'))
    const packages = [...graph.values()].flat().filter((s) => !s.startsWith('.'))
    expect(packages.sort()).toEqual(['electron'])
    expect(graph.size).toBeGreaterThan(3)
  })

  it('knows every channel of the contract, with its kind', () => {
    for (const kind of ['invoke', 'send', 'event'] as const)
      expect(channelsOfKind(kind)).toEqual(contractChannels(kind))
    expect(Object.keys(channelKinds)).toHaveLength(
      contractChannels('invoke').length +
        contractChannels('send').length +
        contractChannels('event').length
    )
  })
})
