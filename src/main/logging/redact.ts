// Everything the core logs passes through here before it reaches a file or the console: API keys
// and audio must never be written (a log file gets attached to bug reports). Secrets are replaced,
// audio is replaced by its size, so the log still says what happened.

/** Field names whose values are secrets, whatever they hold. */
// (Exact `key`, not any name ending in it: `hotkey` is a setting worth logging.)
const SECRET_FIELD = /^(?:key|.*api[-_]?key|authorization|.*token|.*secret|.*password|cookie)$/i
/** Field names that carry audio (PCM bytes or base64 text). */
const AUDIO_FIELD = /^(?:audio|pcm|delta|chunk)$/i
/** OpenAI keys (sk-..., sk-proj-..., including masked forms like sk-proj-****abcd). */
const OPENAI_KEY = /\bsk-[A-Za-z0-9_*-]{6,}/g
/** Authorization header values written inline. */
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi
/** Keys and tokens passed in a URL's query string (Azure's api-key, ?key=, ?token=). */
const QUERY_SECRET = /([?&](?:api[-_]?key|key|token|access_token|sig)=)[^&\s"']+/gi
/** Long base64 runs, alone or inside text (a malformed event's preview): audio, most likely. */
const BASE64_RUN = /[A-Za-z0-9+/]{200,}={0,2}/g
const BASE64_BLOB = /^[A-Za-z0-9+/]+={0,2}$/

const MAX_DEPTH = 6
const MAX_STRING = 2000
export const REDACTED = '[redacted]'

export function redactText(text: string): string {
  const cleaned = text
    .replace(BASE64_RUN, (run) => `[base64, ${run.length} chars]`)
    .replace(OPENAI_KEY, `sk-${REDACTED}`)
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(QUERY_SECRET, (_match, name: string) => `${name}${REDACTED}`)
  return cleaned.length > MAX_STRING
    ? `${cleaned.slice(0, MAX_STRING)}… [${cleaned.length} chars]`
    : cleaned
}

function byteLength(value: unknown): number | null {
  if (value instanceof ArrayBuffer) return value.byteLength
  if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
    return value.byteLength
  if (ArrayBuffer.isView(value)) return value.byteLength
  return null
}

function redactValue(
  value: unknown,
  field: string | null,
  depth: number,
  seen: Set<object>
): unknown {
  if (field !== null && SECRET_FIELD.test(field) && value !== undefined && value !== null)
    return REDACTED
  const bytes = byteLength(value)
  if (bytes !== null) return `[${bytes} bytes]`
  if (typeof value === 'string') {
    // Audio fields as base64 are dropped even when short (a few samples are audio too).
    if (field !== null && AUDIO_FIELD.test(field) && value.length >= 16 && BASE64_BLOB.test(value))
      return `[base64, ${value.length} chars]`
    return redactText(value)
  }
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[circular]'
  if (depth >= MAX_DEPTH) return '[nested too deep]'
  seen.add(value)
  try {
    if (value instanceof Error) {
      const out: Record<string, unknown> = {
        name: value.name,
        message: redactText(value.message)
      }
      if (value.cause !== undefined)
        out['cause'] = redactValue(value.cause, 'cause', depth + 1, seen)
      return out
    }
    if (Array.isArray(value)) return value.map((item) => redactValue(item, null, depth + 1, seen))
    const out: Record<string, unknown> = {}
    for (const [name, item] of Object.entries(value)) {
      out[name] = redactValue(item, name, depth + 1, seen)
    }
    return out
  } finally {
    seen.delete(value)
  }
}

/** A copy of a log entry's data that is safe to write anywhere. */
export function redactLogData(data: Record<string, unknown>): Record<string, unknown> {
  return redactValue(data, null, 0, new Set()) as Record<string, unknown>
}
