// Running one approved (or `run`) call: arguments checked first, a 30 s limit, a result of
// bounded size. Every outcome is a sentence for the model: a failing tool never ends the
// conversation.
import { checkArguments } from './argument-check'
import type { HarkTool } from './tool-types'

/** The rule: a tool that takes longer than 30 s is ended and reported as timed out. */
export const TOOL_TIMEOUT_MS = 30_000
/** Larger results are refused, not truncated silently: the model would believe it saw everything. */
export const MAX_RESULT_CHARS = 100_000

export type ToolCallOutcome =
  { state: 'done'; output: string } | { state: 'failed' | 'timed_out' | 'refused'; output: string }

export interface RunToolCallOptions {
  timeoutMs?: number
  /** Aborted when the session closes. */
  signal?: AbortSignal
  setTimer?: (callback: () => void, delayMs: number) => () => void
}

function sizeText(chars: number): string {
  return chars >= 1_000_000
    ? `${(chars / 1_000_000).toFixed(1)} MB`
    : `${Math.ceil(chars / 1000)} kB`
}

export async function runToolCall(
  tool: HarkTool,
  argumentsJson: string,
  options: RunToolCallOptions = {}
): Promise<ToolCallOutcome> {
  const check = checkArguments(tool.parameters, argumentsJson)
  if (!check.ok) return { state: 'refused', output: `Hark refused the call. ${check.problem}` }
  const timeoutMs = options.timeoutMs ?? TOOL_TIMEOUT_MS
  const abort = new AbortController()
  const onOuterAbort = (): void => abort.abort()
  options.signal?.addEventListener('abort', onOuterAbort, { once: true })
  let cancelTimer = (): void => undefined
  const timedOut = new Promise<'timeout'>((resolve) => {
    const setTimer =
      options.setTimer ??
      ((callback: () => void, delayMs: number): (() => void) => {
        const timer = setTimeout(callback, delayMs)
        return () => clearTimeout(timer)
      })
    cancelTimer = setTimer(() => resolve('timeout'), timeoutMs)
  })
  try {
    const result = await Promise.race([tool.run(check.args, { signal: abort.signal }), timedOut])
    if (result === 'timeout') {
      abort.abort()
      return {
        state: 'timed_out',
        output: `The tool ${tool.name} took longer than ${Math.round(timeoutMs / 1000)} seconds and was stopped.`
      }
    }
    if (result.length > MAX_RESULT_CHARS)
      return {
        state: 'failed',
        output: `The tool ${tool.name} returned ${sizeText(result.length)}, more than the ${sizeText(MAX_RESULT_CHARS)} Hark passes on; the result was dropped.`
      }
    return { state: 'done', output: result }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    return { state: 'failed', output: `The tool ${tool.name} failed: ${why}` }
  } finally {
    cancelTimer()
    options.signal?.removeEventListener('abort', onOuterAbort)
  }
}
