// Where a Realtime session may be served from, and how each provider wants the key. OpenAI and
// OpenAI-compatible servers take `Authorization: Bearer <key>`; Azure OpenAI takes the key in an
// `api-key` header and reads the deployment from `?model=` on its `/openai/v1/realtime` endpoint
// (Microsoft's "GPT Realtime API via WebSockets" how-to; README "Providers"). Shared: the window picks the provider, main dials with it.
import { endpointProblem, isLoopbackHost } from './endpoint'

export const PROVIDERS = ['openai', 'azure', 'compatible'] as const
export type Provider = (typeof PROVIDERS)[number]

export interface ProviderInfo {
  /** What the window and the errors call it. */
  label: string
  /** The environment variable whose key wins over the stored one (a developer's shell). */
  envKeyVar: string
  /** How the key is sent in the WebSocket upgrade request. */
  auth: 'bearer' | 'api-key'
}

export const PROVIDER_INFO: Record<Provider, ProviderInfo> = {
  openai: { label: 'OpenAI', envKeyVar: 'OPENAI_API_KEY', auth: 'bearer' },
  azure: { label: 'Azure OpenAI', envKeyVar: 'AZURE_OPENAI_API_KEY', auth: 'api-key' },
  compatible: {
    label: 'OpenAI-compatible server',
    envKeyVar: 'OPENAI_COMPATIBLE_API_KEY',
    auth: 'bearer'
  }
}

export function isProvider(value: unknown): value is Provider {
  return typeof value === 'string' && (PROVIDERS as readonly string[]).includes(value)
}

/** The upgrade request's key header: Azure's `api-key`, else a Bearer token, never both. */
export function authHeaders(provider: Provider, apiKey: string): Record<string, string> {
  return PROVIDER_INFO[provider].auth === 'api-key'
    ? { 'api-key': apiKey }
    : { Authorization: `Bearer ${apiKey}` }
}

/**
 * Null when `url` may be dialled for `provider`, else why not. On top of the general endpoint
 * rules: Azure is a company's own resource, reached over TLS (wss://; loopback only for a local
 * gateway or a test), and never OpenAI's own endpoint, which would refuse an Azure key.
 */
export function providerEndpointProblem(provider: Provider, url: string): string | null {
  const general = endpointProblem(url)
  if (general !== null) return general
  if (provider !== 'azure') return null
  const parsed = new URL(url.trim())
  if (parsed.protocol !== 'wss:' && !isLoopbackHost(parsed.hostname))
    return 'An Azure OpenAI endpoint must start with wss://.'
  if (parsed.hostname.toLowerCase() === 'api.openai.com')
    return 'Azure OpenAI needs your resource’s endpoint, e.g. wss://my-resource.openai.azure.com/openai/v1/realtime.'
  return null
}
