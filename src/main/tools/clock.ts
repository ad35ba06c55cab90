// A built-in tool: the current local time, optionally in another IANA time zone. Small enough to
// prove the function-call round trip (CLI, tests) and useful for a desktop assistant.
import { tool } from '@openai/agents-realtime'
import type { FunctionTool } from '@openai/agents-realtime'
import { z } from 'zod'

export interface CurrentTime {
  timeZone: string
  /** ISO 8601 instant (UTC). */
  iso: string
  /** Wall-clock date and time in `timeZone`, in words the model can read out. */
  local: string
}

/** The time at `now` in `timeZone` (the system zone when absent). Throws RangeError for an unknown zone. */
export function currentTime(now: Date, timeZone?: string): CurrentTime {
  const format = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'full',
    timeStyle: 'long',
    ...(timeZone !== undefined ? { timeZone } : {})
  })
  return {
    timeZone: format.resolvedOptions().timeZone,
    iso: now.toISOString(),
    local: format.format(now)
  }
}

export const getCurrentTimeParameters = z.object({
  // The SDK's strict-mode conversion turns `.optional()` into a required, nullable property in
  // the JSON schema the model sees, and turns the model's `null` back into `undefined` before
  // `execute` runs (checked with agents-realtime 0.20.0, zod 4).
  timeZone: z
    .string()
    .max(100)
    .optional()
    .describe('IANA time zone such as "Europe/Paris"; omit or null for the user’s own zone.')
})

export function createGetCurrentTimeTool(
  clock: () => Date = () => new Date()
): FunctionTool<unknown, typeof getCurrentTimeParameters, string> {
  return tool({
    name: 'get_current_time',
    description: 'Get the current date and time, for the user or for a given IANA time zone.',
    parameters: getCurrentTimeParameters,
    execute: ({ timeZone }): string => {
      try {
        return JSON.stringify(currentTime(clock(), timeZone))
      } catch (error) {
        // Tell the model, which can correct itself, rather than failing the call.
        if (error instanceof RangeError)
          return JSON.stringify({ error: `Unknown time zone: ${timeZone}` })
        throw error
      }
    }
  })
}

export const getCurrentTimeTool = createGetCurrentTimeTool()
