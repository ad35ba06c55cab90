// The CLI has no key store: the key comes from the environment. Each provider's own variable
// first (AZURE_OPENAI_API_KEY for --provider azure), then OPENAI_API_KEY, the one variable the
// CLI always read: the provider and the URL are named on the same command line, so where the key
// goes is the user's explicit choice.
import { PROVIDER_INFO, type Provider } from '../../shared/providers'

export function cliApiKey(
  provider: Provider,
  env: Readonly<Record<string, string | undefined>>
): string | undefined {
  const own = env[PROVIDER_INFO[provider].envKeyVar]?.trim()
  return own || env['OPENAI_API_KEY']?.trim() || undefined
}

/** "OPENAI_API_KEY environment variable", or both names for another provider. */
export function cliKeyVariables(provider: Provider): string {
  const own = PROVIDER_INFO[provider].envKeyVar
  return provider === 'openai'
    ? 'OPENAI_API_KEY environment variable'
    : `${own} (or OPENAI_API_KEY) environment variable`
}
