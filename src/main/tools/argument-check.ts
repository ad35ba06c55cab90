// Arguments the model sends are checked against the tool's own JSON schema before anything runs
// (issue 12, "arguments that fail the tool's schema → refused before anything runs").
import { Ajv, type ValidateFunction } from 'ajv'
import type { JsonObjectSchema } from './tool-types'

const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: false })
const compiled = new WeakMap<JsonObjectSchema, ValidateFunction>()

function validatorFor(schema: JsonObjectSchema): ValidateFunction {
  const known = compiled.get(schema)
  if (known) return known
  // MCP servers often declare draft 2020-12; the keywords tools use are the same in draft-07,
  // and ajv refuses an unknown `$schema` outright.
  const { $schema: _ignored, ...rest } = schema
  const validate = ajv.compile(rest)
  compiled.set(schema, validate)
  return validate
}

export type ArgumentCheck =
  { ok: true; args: Record<string, unknown> } | { ok: false; problem: string }

/** Parse the model's JSON text and check it; the problem is a sentence the model can act on. */
export function checkArguments(schema: JsonObjectSchema, argumentsJson: string): ArgumentCheck {
  let value: unknown
  try {
    value = argumentsJson.trim() === '' ? {} : JSON.parse(argumentsJson)
  } catch {
    return { ok: false, problem: 'The arguments are not valid JSON.' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'The arguments must be a JSON object.' }
  let validate: ValidateFunction
  try {
    validate = validatorFor(schema)
  } catch {
    return { ok: false, problem: 'The tool declares a schema Hark cannot check.' }
  }
  if (validate(value)) return { ok: true, args: value as Record<string, unknown> }
  const first = validate.errors?.[0]
  const where = first?.instancePath ? `${first.instancePath} ` : ''
  return {
    ok: false,
    problem: `The arguments do not match the tool's schema: ${where}${first?.message ?? 'invalid'}.`
  }
}
