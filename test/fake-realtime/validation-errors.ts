// Turns a zod issue into the error the Realtime API would send for the same mistake. The API's
// wording, seen in the wild (reference §8 #552, openai-realtime-api-beta#9):
//   missing_required_parameter  "Missing required parameter: 'item.content'."
//   unknown_parameter           "Unknown parameter: 'session.input_audio_transcription.enabled'."
//   invalid_type                "Invalid type for 'audio_end_ms': expected an integer, but got a
//                                decimal number instead."
//   invalid_value               "Invalid value: 'g711-ulaw'. Supported values are: 'pcm16', ..."
// `param` is the dotted path inside the client event.
import type { z } from 'zod'
import type { ApiError } from './wire-types'

type Path = readonly PropertyKey[]

export function formatParam(path: Path): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out
}

function valueAt(root: unknown, path: Path): unknown {
  let current = root
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[part]
  }
  return current
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal number'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

const expectedNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null'
}

export function quoteList(values: readonly unknown[]): string {
  const quoted = values.map((v) => `'${String(v)}'`)
  if (quoted.length <= 1) return quoted.join('')
  if (quoted.length === 2) return `${quoted[0]} and ${quoted[1]}`
  return `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`
}

export function invalidRequest(code: string, message: string, param: string | null): ApiError {
  return { type: 'invalid_request_error', code, message, param }
}

/** The API error for the first problem zod found in `root` (the client event as received). */
export function issueToApiError(issue: z.core.$ZodIssue, root: unknown): ApiError {
  const param = formatParam(issue.path)
  const value = valueAt(root, issue.path)
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined)
        return invalidRequest(
          'missing_required_parameter',
          `Missing required parameter: '${param}'.`,
          param
        )
      const expected = expectedNames[issue.expected] ?? issue.expected
      return invalidRequest(
        'invalid_type',
        `Invalid type for '${param}': expected ${expected}, but got ${describeValue(value)} instead.`,
        param
      )
    }
    case 'unrecognized_keys': {
      const key = issue.keys[0] ?? ''
      const full = param === '' ? key : `${param}.${key}`
      return invalidRequest('unknown_parameter', `Unknown parameter: '${full}'.`, full)
    }
    case 'invalid_value':
      return invalidRequest(
        'invalid_value',
        `Invalid value: '${String(value)}'. Supported values are: ${quoteList(issue.values)}.`,
        param
      )
    case 'invalid_union': {
      const options = 'options' in issue && Array.isArray(issue.options) ? issue.options : []
      if (options.length > 0)
        return invalidRequest(
          'invalid_value',
          `Invalid value: '${String(value)}'. Supported values are: ${quoteList(options)}.`,
          param
        )
      return invalidRequest('invalid_value', `Invalid value for '${param}'.`, param)
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `>= ${issue.minimum}` : `<= ${issue.maximum}`
      const got = Array.isArray(value) ? `${value.length} items` : String(value)
      return invalidRequest(
        'invalid_value',
        `Invalid '${param}': expected ${issue.origin === 'array' ? 'a length ' : 'a value '}${bound}, but got ${got} instead.`,
        param
      )
    }
    default:
      return invalidRequest('invalid_value', `Invalid '${param}': ${issue.message}.`, param)
  }
}
