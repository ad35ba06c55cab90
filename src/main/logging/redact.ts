// Everything the core logs passes through here before it reaches a file or the console: API keys
// and audio must never be written (a log file gets attached to bug reports). Secrets are replaced,
// audio is replaced by its size, so the log still says what happened.

/** Field names whose values are secrets, whatever they hold. */
// (Exact `key`, not any name ending in it: `hotkey` is a setting worth logging; and `…token`,
// not `…tokens`: `inputTokens` is a usage count.)
const SECRET_FIELD =
  /^(?:key|.*api[-_]?key|.*(?:access|secret|private|session|subscription)[-_]?key|authorization|proxy[-_]?authorization|.*token|.*secret.*|.*password.*|.*passwd|.*credentials?|.*signature|cookie|set[-_]?cookie)$/i
/** Field names that carry audio (PCM bytes or base64 text). */
const AUDIO_FIELD = /^(?:audio|pcm|delta|chunk)$/i
/** OpenAI keys (sk-..., sk-proj-..., including masked forms like sk-proj-****abcd). */
const OPENAI_KEY = /\bsk-[A-Za-z0-9_*-]{6,}/g
/** A long OpenAI key glued to what precedes it (right after base64 text, no word boundary). */
const GLUED_OPENAI_KEY = /sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g
/** Azure OpenAI keys: 32 hex digits, or the newer 84-character keys; no `sk-` to spot them by. */
const AZURE_KEY = /\b(?:[A-Fa-f0-9]{32}|[A-Za-z0-9]{84})\b/g
/** Header lines and fields that carry a key by name: `api-key: …`, `"x-api-key":"…"`. */
const KEY_HEADER =
  /\b((?:x-)?api[-_]?key|ocp-apim-subscription-key|x-goog-api-key)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi
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
  // Keys first: a base64 run swallowing the start of a key glued to it would leave its tail.
  const cleaned = text
    .replace(GLUED_OPENAI_KEY, `sk-${REDACTED}`)
    .replace(OPENAI_KEY, `sk-${REDACTED}`)
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(QUERY_SECRET, (_match, name: string) => `${name}${REDACTED}`)
    .replace(
      KEY_HEADER,
      (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`
    )
    .replace(AZURE_KEY, REDACTED)
    .replace(BASE64_RUN, (run) => `[base64, ${run.length} chars]`)
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
  // JSON.stringify throws on a BigInt: a log line must never fail to be written.
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`
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
    for (const name of Object.keys(value)) {
      let item: unknown
      try {
        item = (value as Record<string, unknown>)[name]
      } catch {
        // A throwing getter: say so rather than lose the whole entry.
        out[name] = '[unreadable]'
        continue
      }
      out[name] = redactValue(item, name, depth + 1, seen)
    }
    return out
  } finally {
    seen.delete(value)
  }
}

/** A copy of a log entry's data that is safe to write anywhere; never throws. */
export function redactLogData(data: Record<string, unknown>): Record<string, unknown> {
  try {
    return redactValue(data, null, 0, new Set()) as Record<string, unknown>
  } catch {
    return { data: '[could not be logged]' }
  }
}

/** A log entry as one redacted line: the message, then its data as JSON. Never throws. */
export function redactedLogLine(message: string, data?: Record<string, unknown>): string {
  const text = redactText(message)
  if (data === undefined) return text
  try {
    return `${text} ${JSON.stringify(redactLogData(data))}`
  } catch {
    return `${text} [data could not be logged]`
  }
}
