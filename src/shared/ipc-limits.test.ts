import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ipcByteCaps, ipcContract } from './ipc'
import { measuredBytesUpTo, schemaByteCap } from './ipc-limits'

describe('IPC size caps from the schemas', () => {
  it('derives a finite cap for every renderer → main channel', () => {
    for (const [channel, cap] of Object.entries(ipcByteCaps)) {
      expect(Number.isFinite(cap), channel).toBe(true)
      expect(cap, channel).toBeGreaterThan(0)
    }
    // Settings carry 20,000 characters of instructions: 60 KB of UTF-8 at worst.
    expect(ipcByteCaps['settings.set']).toBeGreaterThan(60_000)
  })

  it('refuses to size a text field without a maxLength', () => {
    expect(() => schemaByteCap(z.object({ note: z.string() }), 'x')).toThrow(
      /x\.note: a text field needs a maxLength/
    )
    expect(schemaByteCap(ipcContract['session.sendText'].request)).toBeGreaterThanOrEqual(12_000)
  })

  it('never counts a payload below what its schema accepts', () => {
    const schema = ipcContract['settings.set'].request
    const legal = { instructions: '𝄞'.repeat(10_000), model: 'm'.repeat(100), launchAtLogin: true }
    expect(schema.safeParse(legal).success).toBe(true)
    const cap = schemaByteCap(schema)
    expect(new TextEncoder().encode(JSON.stringify(legal)).byteLength).toBeLessThanOrEqual(cap)
    expect(measuredBytesUpTo(legal, cap)).toBeLessThanOrEqual(cap)
  })

  it('stops counting at the limit and never throws', () => {
    const huge = { a: 'x'.repeat(10_000_000) }
    expect(measuredBytesUpTo(huge, 100)).toBeGreaterThan(100)
    const cyclic: Record<string, unknown> = {}
    cyclic['self'] = cyclic
    expect(measuredBytesUpTo(cyclic, 10_000)).toBeGreaterThan(10_000)
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter')
      }
    })
    expect(measuredBytesUpTo(hostile, 10_000)).toBeGreaterThan(10_000)
    expect(measuredBytesUpTo(new Uint8Array(960), 10_000)).toBe(960)
  })
})
