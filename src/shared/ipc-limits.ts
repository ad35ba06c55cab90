// Per-channel size caps, derived from the contract's schemas rather than one number for every
// channel: a channel may carry at most what its schema could ever accept. Sizes are counted in
// the worst case of UTF-8 (3 bytes per UTF-16 code unit), so the cap never refuses a payload its
// schema accepts (20,000 CJK characters of instructions fit), and the count stops as soon as it
// passes the cap, so a huge payload is refused before anything serialises or parses it.
import type { z } from 'zod'

/** Bytes a string may take in UTF-8, per UTF-16 code unit (a surrogate pair is 4 bytes for 2). */
const UTF8_BYTES_PER_UNIT = 3
/** Quotes, separators and the like around each value. */
const PUNCTUATION_BYTES = 4
/** A number in JSON, with room to spare (-1.2345678901234567e+308). */
const NUMBER_BYTES = 24
/** Deeper than any contract payload; deeper input is refused as too large. */
const MAX_DEPTH = 16

interface SchemaDef {
  type: string
  innerType?: z.ZodType
  in?: z.ZodType
  shape?: Record<string, z.ZodType>
  entries?: Record<string, unknown>
  values?: unknown[]
}

/** Set on a schema the walk cannot size by itself (binary audio): `.meta({ maxBytes })`. */
export interface ByteCapMeta {
  maxBytes?: number
}

/**
 * The most bytes a payload accepted by `schema` can take. Throws for a schema with no bound (a
 * string without `.max()`), so an unbounded field in the contract fails the tests at once.
 */
export function schemaByteCap(schema: z.ZodType, where = 'payload'): number {
  const meta = schema.meta() as ByteCapMeta | undefined
  if (typeof meta?.maxBytes === 'number') return meta.maxBytes
  const def = schema._zod.def as unknown as SchemaDef
  switch (def.type) {
    case 'string': {
      const max = (schema as z.ZodString).maxLength
      if (max === null) throw new Error(`${where}: a text field needs a maxLength`)
      return max * UTF8_BYTES_PER_UNIT + PUNCTUATION_BYTES
    }
    case 'boolean':
    case 'undefined':
    case 'null':
      return 5 + PUNCTUATION_BYTES
    case 'number':
      return NUMBER_BYTES
    case 'enum':
      return longest(Object.values(def.entries ?? {})) + PUNCTUATION_BYTES
    case 'literal':
      return longest(def.values ?? []) + PUNCTUATION_BYTES
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      return schemaByteCap(def.innerType as z.ZodType, where)
    case 'pipe':
      return schemaByteCap(def.in as z.ZodType, where)
    case 'object':
      return Object.entries(def.shape ?? {}).reduce(
        (sum, [field, inner]) =>
          sum + field.length + PUNCTUATION_BYTES + schemaByteCap(inner, `${where}.${field}`),
        PUNCTUATION_BYTES
      )
    default:
      throw new Error(`${where}: no byte cap can be derived for a ${def.type} schema`)
  }
}

function longest(values: readonly unknown[]): number {
  return Math.max(0, ...values.map((value) => String(value).length * UTF8_BYTES_PER_UNIT))
}

/**
 * An upper bound of `value`'s size, counted the way schemaByteCap counts; stops (returning a number
 * above `limit`) as soon as the count passes `limit`. Never throws: cycles and depth count as
 * too large, as do values no payload can hold (functions, symbols).
 */
export function measuredBytesUpTo(value: unknown, limit: number): number {
  let total = 0
  const over = limit + 1
  const visit = (item: unknown, depth: number): boolean => {
    if (total > limit) return false
    if (depth > MAX_DEPTH) {
      total = over
      return false
    }
    if (item === undefined || item === null || typeof item === 'boolean') {
      total += 5 + PUNCTUATION_BYTES
    } else if (typeof item === 'number' || typeof item === 'bigint') {
      total += NUMBER_BYTES
    } else if (typeof item === 'string') {
      total += item.length * UTF8_BYTES_PER_UNIT + PUNCTUATION_BYTES
    } else if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) {
      total += item.byteLength
    } else if (Array.isArray(item)) {
      total += PUNCTUATION_BYTES
      for (const element of item as unknown[]) if (!visit(element, depth + 1)) return false
    } else if (typeof item === 'object') {
      total += PUNCTUATION_BYTES
      for (const key of Object.keys(item)) {
        total += key.length * UTF8_BYTES_PER_UNIT + PUNCTUATION_BYTES
        if (!visit(readField(item, key), depth + 1)) return false
      }
    } else {
      total = over
    }
    return total <= limit
  }
  visit(value, 0)
  return total
}

function readField(item: object, key: string): unknown {
  try {
    return (item as Record<string, unknown>)[key]
  } catch {
    // A throwing getter is no payload any schema accepts.
    return Symbol('unreadable')
  }
}

/** The sentence for a payload over its channel's cap: says what happened, not who sent it. */
export function tooLargeSentence(channel: string, capBytes: number): string {
  const kb = Math.ceil(capBytes / 1024)
  return `That was too large for Hark to accept: ${channel} takes at most ${kb} KB.`
}
