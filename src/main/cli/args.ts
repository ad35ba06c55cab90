// Command-line parsing for the headless CLI. Pure: argv and env in, options or a usage message out,
// so every usage error is unit-tested without spawning a process.

import { parseArgs } from 'node:util'
import { settingsSchema } from '../../shared/settings'
import { isProvider, providerEndpointProblem, type Provider } from '../../shared/providers'
import {
  DEFAULT_LIVE_MODEL,
  DEFAULT_LIVE_VOICE,
  OPENAI_LIVE_URL
} from '../engines/live/live-config'

export const DEFAULT_TIMEOUT_SECONDS = 60
/** An hour: longer than any single turn can sensibly take, and it keeps timer values sane. */
export const MAX_TIMEOUT_SECONDS = 3600

export const USAGE = `Usage: npm run -s cli -- (--text "…" | --in question.wav) [options]

Runs one turn against the OpenAI Realtime API (or GPT-Live) without Electron and prints the
assistant's transcript.

Input (exactly one):
  --text <text>           Send a typed message.
  --in <file.wav>         Send a spoken question: any PCM WAV (8–192 kHz, mono or multi-channel,
                          8/16/24/32-bit integer or 32/64-bit float), resampled to 24 kHz mono.
Options:
  --engine <name>         realtime (default) or live: GPT-Live, spoken questions only (--in).
  --out <file.wav>        Write the reply audio (24 kHz mono PCM16 WAV).
  --url <ws-url>          Endpoint (env OPENAI_REALTIME_URL; OPENAI_LIVE_URL with --engine live).
  --provider <name>       openai (default), azure or compatible (env OPENAI_REALTIME_PROVIDER).
                          azure sends the key in the api-key header (AZURE_OPENAI_API_KEY, else
                          OPENAI_API_KEY) to --url wss://<resource>.openai.azure.com/openai/v1/realtime,
                          with --model naming the deployment.
  --model <name>          Model (env OPENAI_REALTIME_MODEL; OPENAI_LIVE_MODEL).
  --voice <name>          Voice (env OPENAI_REALTIME_VOICE; OPENAI_LIVE_VOICE).
  --instructions <text>   System instructions for the session.
  --timeout <seconds>     Give up without a complete reply in time, connecting included
                          (default ${DEFAULT_TIMEOUT_SECONDS}).
  --json                  One JSON object per line: every event, then a metrics object.
  --save                  Keep this turn in the history (HARK_DATA_DIR, or the desktop app's
                          folder; unencrypted: the CLI has no key store).
  --mcp-config <file>     MCP servers in Claude Desktop's format (default: mcp.json in Hark's
                          data folder, if there is one).
  --yes                   Approve every tool call. Without it, calls to tools that ask are put
                          to you on the terminal (Allow <tool> <arguments>? [y/N/a]), and denied
                          when standard input is not a terminal.
  -h, --help              Show this help.

History: npm run -s cli -- history --help.
The API key comes from OPENAI_API_KEY. HARK_DEBUG=1 logs the core's diagnostics to stderr.
Exit codes: 0 ok, 1 other failure, 2 usage, 3 authentication, 4 connection, 5 timeout,
130 interrupted (Ctrl-C).`

export type TurnInput = { kind: 'text'; text: string } | { kind: 'wav'; path: string }

export type CliEngine = 'realtime' | 'live'

/** GPT-Live has no typed user message (reference §2): say so instead of sending something else. */
export const LIVE_TEXT_REFUSAL =
  'GPT-Live takes no typed messages (its protocol has no user text message): ask with --in question.wav, or use --engine realtime for --text.'

export interface CliOptions {
  engine: CliEngine
  input: TurnInput
  outPath: string | null
  url: string
  model: string
  voice: string
  instructions: string
  timeoutMs: number
  json: boolean
  /** Keep the turn in the history. */
  save: boolean
  /** --mcp-config; null = the data folder's mcp.json. */
  mcpConfigPath: string | null
  /** --yes: every tool call is approved without asking. */
  approveAll: boolean
  /** --provider: how the key is sent (src/shared/providers.ts). */
  provider: Provider
}

export type ParsedArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; options: CliOptions }
  | { ok: false; message: string }

/** The environment variables that supply defaults; flags override them. */
export interface CliEnv {
  OPENAI_REALTIME_URL?: string | undefined
  OPENAI_REALTIME_MODEL?: string | undefined
  OPENAI_REALTIME_VOICE?: string | undefined
  OPENAI_LIVE_URL?: string | undefined
  OPENAI_LIVE_MODEL?: string | undefined
  OPENAI_LIVE_VOICE?: string | undefined
  OPENAI_REALTIME_PROVIDER?: string | undefined
}

const optionSpec = {
  engine: { type: 'string' },
  text: { type: 'string' },
  in: { type: 'string' },
  out: { type: 'string' },
  url: { type: 'string' },
  model: { type: 'string' },
  voice: { type: 'string' },
  instructions: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  save: { type: 'boolean' },
  'mcp-config': { type: 'string' },
  yes: { type: 'boolean' },
  provider: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const
const parseConfig = { options: optionSpec, strict: true, allowPositionals: false } as const
type ParsedValues = ReturnType<typeof parseArgs<typeof parseConfig>>['values']

const usageError = (message: string): ParsedArgs => ({
  ok: false,
  message: `${message} Run with --help for usage.`
})

export function parseCliArgs(argv: readonly string[], env: CliEnv): ParsedArgs {
  let values: ParsedValues
  try {
    values = parseArgs({ ...parseConfig, args: [...argv] }).values
  } catch (error) {
    return usageError(describeParseError(error))
  }
  if (values.help === true) return { ok: true, help: true }

  const engine = values.engine ?? 'realtime'
  if (engine !== 'realtime' && engine !== 'live')
    return usageError(`--engine is realtime or live, not '${engine}'.`)
  const input = chooseInput(values.text, values.in)
  if (typeof input === 'string') return usageError(input)
  if (engine === 'live' && input.kind === 'text') return usageError(LIVE_TEXT_REFUSAL)
  if (values.out !== undefined && values.out.trim() === '')
    return usageError('--out needs a file name.')
  if (values['mcp-config'] !== undefined && values['mcp-config'].trim() === '')
    return usageError('--mcp-config needs a file name.')

  const providerSource = pick(
    values.provider,
    '--provider',
    env.OPENAI_REALTIME_PROVIDER,
    'OPENAI_REALTIME_PROVIDER'
  )
  const provider = providerSource.value?.trim() ?? 'openai'
  if (!isProvider(provider))
    return usageError(`${providerSource.from} is openai, azure or compatible, not '${provider}'.`)
  if (provider !== 'openai' && engine === 'live')
    return usageError('--engine live speaks only to OpenAI: leave out --provider.')

  const timeoutMs = parseTimeoutMs(values.timeout)
  if (typeof timeoutMs === 'string') return usageError(timeoutMs)

  // Flags win over the environment; the settings schema (shared with the app) validates both.
  const live = engine === 'live'
  const sources = live
    ? {
        url: pick(values.url, '--url', env.OPENAI_LIVE_URL, 'OPENAI_LIVE_URL'),
        model: pick(values.model, '--model', env.OPENAI_LIVE_MODEL, 'OPENAI_LIVE_MODEL'),
        voice: pick(values.voice, '--voice', env.OPENAI_LIVE_VOICE, 'OPENAI_LIVE_VOICE'),
        instructions: pick(values.instructions, '--instructions', undefined, '')
      }
    : {
        url: pick(values.url, '--url', env.OPENAI_REALTIME_URL, 'OPENAI_REALTIME_URL'),
        model: pick(values.model, '--model', env.OPENAI_REALTIME_MODEL, 'OPENAI_REALTIME_MODEL'),
        voice: pick(values.voice, '--voice', env.OPENAI_REALTIME_VOICE, 'OPENAI_REALTIME_VOICE'),
        instructions: pick(values.instructions, '--instructions', undefined, '')
      }
  const parsed = settingsSchema.safeParse({
    url: sources.url.value ?? (live ? OPENAI_LIVE_URL : undefined),
    model: sources.model.value ?? (live ? DEFAULT_LIVE_MODEL : undefined),
    voice: sources.voice.value ?? (live ? DEFAULT_LIVE_VOICE : undefined),
    instructions: sources.instructions.value
  })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path[0]
    const source =
      typeof key === 'string' && key in sources ? sources[key as keyof typeof sources] : undefined
    const what = source?.from ?? 'An option'
    const reason = (issue?.message ?? 'unknown problem').replace(/^\p{Lu}(?!\p{Lu})/u, (c) =>
      c.toLowerCase()
    )
    return usageError(`${what} is invalid: ${reason.replace(/\.$/, '')}.`)
  }
  // Azure's own rules (wss://, not OpenAI's host), said before anything dials.
  const endpointProblem = providerEndpointProblem(provider, parsed.data.url)
  if (endpointProblem !== null)
    return usageError(`${sources.url.from} is invalid: ${endpointProblem.replace(/\.$/, '')}.`)

  return {
    ok: true,
    help: false,
    options: {
      engine,
      input,
      outPath: values.out ?? null,
      url: parsed.data.url,
      model: parsed.data.model,
      voice: parsed.data.voice,
      instructions: parsed.data.instructions,
      timeoutMs,
      json: values.json === true,
      save: values.save === true,
      mcpConfigPath: values['mcp-config'] ?? null,
      approveAll: values.yes === true,
      provider
    }
  }
}

function chooseInput(text: string | undefined, inPath: string | undefined): TurnInput | string {
  if (text !== undefined && inPath !== undefined) return 'Give either --text or --in, not both.'
  if (text !== undefined) {
    if (text.trim() === '') return '--text is empty.'
    return { kind: 'text', text }
  }
  if (inPath !== undefined) {
    if (inPath.trim() === '') return '--in needs a file name.'
    return { kind: 'wav', path: inPath }
  }
  return 'Give the question with --text "…" or --in question.wav.'
}

function parseTimeoutMs(raw: string | undefined): number | string {
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000
  // Number('') is 0 and Number(' 5 ') is 5: require a plain decimal so typos are not accepted.
  if (!/^\d+(\.\d+)?$/.test(raw.trim()))
    return `--timeout must be a number of seconds, not '${raw}'.`
  const seconds = Number(raw)
  if (seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS)
    return `--timeout must be more than 0 and at most ${MAX_TIMEOUT_SECONDS} seconds.`
  return Math.max(1, Math.round(seconds * 1000))
}

interface Sourced {
  value: string | undefined
  from: string
}

/** A flag if given, else a non-blank environment value, else undefined (the schema's default). */
function pick(
  flag: string | undefined,
  flagName: string,
  envValue: string | undefined,
  envName: string
): Sourced {
  if (flag !== undefined) return { value: flag, from: flagName }
  if (envValue !== undefined && envValue.trim() !== '') return { value: envValue, from: envName }
  return { value: undefined, from: flagName }
}

/** node:util's messages are multi-line and mention internals; say it in one sentence. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  const quoted = /'([^']+)'/.exec(message)?.[1]
  const option = quoted?.split(' ')[0] ?? 'an option'
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option ${option}.`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument '${quoted ?? ''}': values belong to an option, e.g. --text "…".`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('does not take an argument')) return `${option} takes no value.`
      if (message.includes('ambiguous'))
        return `${option} needs a value (for one that starts with a dash, write ${option}=-…).`
      return `${option} needs a value.`
    default:
      return message.split('\n')[0] ?? 'The command line could not be parsed.'
  }
}
