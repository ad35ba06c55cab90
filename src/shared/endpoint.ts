// Where the API key may be sent: the endpoint rules, checked in the settings schema (what the
// window can ask for) and again in main before a session dials (what the environment or the CLI
// can ask for). The key travels in the upgrade request's Authorization header, so plain ws://
// would hand it to anyone on the path: it is allowed only to this machine (a local proxy or the
// fake server). Changing the host is confirmed in main (src/main/app/endpoint-guard.ts).

/** Hosts that never leave this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(?:\.\d{1,3}){3}$/.test(host)
  )
}

/** Null when `url` is an endpoint Hark may send the key to, else the sentence saying why not. */
export function endpointProblem(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return 'The endpoint URL is not a valid URL.'
  }
  if (parsed.protocol !== 'wss:' && parsed.protocol !== 'ws:')
    return 'The endpoint URL must start with wss:// (or ws:// to this computer).'
  if (parsed.hostname === '') return 'The endpoint URL needs a host.'
  if (parsed.username !== '' || parsed.password !== '')
    return 'The endpoint URL must not hold a user name or password.'
  if (parsed.protocol === 'ws:' && !isLoopbackHost(parsed.hostname))
    return `Plain ws:// is allowed only to this computer: it would send your API key to ${parsed.host} unencrypted. Use wss://.`
  return null
}

/** The host (and port) an endpoint sends the key to, lower-cased; '' for an invalid URL. */
export function endpointHost(url: string): string {
  try {
    return new URL(url.trim()).host.toLowerCase()
  } catch {
    return ''
  }
}
