import { deprecationWarning, type ReasoningEffort } from '../../shared/models'
import type { TurnDetectionMode } from '../../shared/realtime-events'
import {
  PROVIDER_INFO,
  isProvider,
  providerEndpointProblem,
  type Provider
} from '../../shared/providers'
import { settingsSchema, type Settings } from '../../shared/settings'
import { RealtimeCoreError } from './controller-api'

export {
  DEFAULT_INSTRUCTIONS,
  DEFAULT_MODEL,
  DEFAULT_VOICE,
  OPENAI_REALTIME_BASE_URL
} from '../../shared/settings'

/** Everything that shapes one Realtime session. The key is a function: read at connect time. */
export interface RealtimeConfig {
  apiKey: () => string | Promise<string>
  model: string
  voice: string
  instructions: string
  /**
   * Endpoint. The SDK uses a custom URL verbatim and does not append `?model=`
   * (reference §1, "A custom URL is used verbatim"), so `resolveEndpointUrl` adds it.
   */
  url: string
  turnDetection: TurnDetectionMode
  /** Eagerness for semantic_vad. */
  vadEagerness: 'low' | 'medium' | 'high' | 'auto'
  inputTranscription: boolean
  /** Whether OpenAI keeps traces of the session (`tracing: "auto"`); off = `tracing: null`. */
  tracing: boolean
  /** Sent only to reasoning models (`isReasoningModel`). */
  reasoningEffort: ReasoningEffort
  transcriptionModel: string
  /**
   * Hands-free: false = the server VAD ends turns but starts no response (`create_response:
   * false`), because the monthly budget is spent and Hark asks first. Absent = true.
   */
  autoRespond?: boolean
  /** Says how the key is sent: Azure's `api-key` header or a Bearer token. */
  provider: Provider
}

export type RealtimeUserSettings = Settings

/** Environment variables that win over stored settings in development (docs/architecture.md, "Storage"). */
export interface RealtimeEnv {
  OPENAI_API_KEY?: string | undefined
  OPENAI_REALTIME_MODEL?: string | undefined
  OPENAI_REALTIME_VOICE?: string | undefined
  OPENAI_REALTIME_URL?: string | undefined
  /** openai, azure or compatible: wins over Settings like the URL does. */
  OPENAI_REALTIME_PROVIDER?: string | undefined
  AZURE_OPENAI_API_KEY?: string | undefined
  OPENAI_COMPATIBLE_API_KEY?: string | undefined
}

const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined

/**
 * Merge stored settings with the environment. `storedKey` reads the provider's key store; the
 * environment's key wins when set, so a developer's shell never touches the key store.
 */
export function resolveRealtimeConfig(
  settings: Partial<RealtimeUserSettings>,
  env: RealtimeEnv,
  storedKey: (provider: Provider) => string | null | Promise<string | null> = () => null
): RealtimeConfig {
  const base = settingsSchema.parse(settings)
  const envProvider = nonEmpty(env.OPENAI_REALTIME_PROVIDER)
  if (envProvider !== undefined && !isProvider(envProvider))
    throw new RealtimeCoreError(
      'invalid_input',
      `OPENAI_REALTIME_PROVIDER is openai, azure or compatible, not '${envProvider}'.`
    )
  const provider = envProvider ?? base.provider
  // Each provider has its own key: an OpenAI key in the shell never goes to Azure or elsewhere.
  const envKey = nonEmpty(env[PROVIDER_INFO[provider].envKeyVar as keyof RealtimeEnv])
  const url = nonEmpty(env.OPENAI_REALTIME_URL) ?? base.url
  // Checked again here, before anything dials, whatever set it (the environment, the CLI's
  // --url): the key goes only where the endpoint rules allow (src/shared/providers.ts).
  const problem = providerEndpointProblem(provider, url)
  if (problem !== null) throw new RealtimeCoreError('invalid_input', problem)
  return {
    ...base,
    model: nonEmpty(env.OPENAI_REALTIME_MODEL) ?? base.model,
    voice: nonEmpty(env.OPENAI_REALTIME_VOICE) ?? base.voice,
    url,
    provider,
    apiKey: async () => {
      if (envKey) return envKey
      const key = await storedKey(provider)
      if (!key) throw new MissingApiKeyError(provider)
      return key
    }
  }
}

/**
 * What to tell the user about the configured models: a deprecated model still works until its
 * shutdown date, so it is used, with a warning (from the environment or from Settings).
 */
export function configWarnings(
  config: Pick<RealtimeConfig, 'model' | 'transcriptionModel' | 'inputTranscription'>
): string[] {
  const warnings = [deprecationWarning(config.model)]
  if (config.inputTranscription) warnings.push(deprecationWarning(config.transcriptionModel))
  return warnings.filter((warning): warning is string => warning !== null)
}

export class MissingApiKeyError extends Error {
  /** `assistant`: the name of the assistant whose session needs the key, once there are several. */
  constructor(provider: Provider = 'openai', assistant?: string) {
    const { label, envKeyVar } = PROVIDER_INFO[provider]
    const where = provider === 'openai' ? 'Settings' : 'Settings → Provider'
    super(
      assistant !== undefined
        ? `${assistant} uses ${label}, which has no key yet. Add one in ${where}, or set ${envKeyVar}.`
        : provider === 'openai'
          ? 'No API key is set. Add one in Settings, or set OPENAI_API_KEY.'
          : `No API key is set for ${label}. Add one in ${where}, or set ${envKeyVar}.`
    )
    this.name = 'MissingApiKeyError'
  }
}

/** The URL to dial: the endpoint with `?model=` added unless the endpoint already names one. */
export function resolveEndpointUrl(url: string, model: string): string {
  const parsed = new URL(url)
  if (!parsed.searchParams.has('model') && !parsed.searchParams.has('deployment'))
    parsed.searchParams.set('model', model)
  return parsed.toString()
}
