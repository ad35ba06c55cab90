// The fake acting as an Azure OpenAI resource (FakeRealtimeOptions.provider 'azure'): the
// GA realtime endpoint is `/openai/v1/realtime?model=<deployment>`, the key comes in an
// `api-key` header, and an Authorization header is refused, so a client that sends its key as a
// Bearer token (or both ways) fails here as it would against a resource.
import type { IncomingMessage } from 'node:http'

/** What the fake saw in one upgrade request: tests assert the headers a client sent. */
export interface RecordedHandshake {
  path: string
  /** `?model=`: the model for OpenAI, the deployment for Azure. */
  model: string | null
  hadAuthorization: boolean
  hadApiKeyHeader: boolean
}

export const AZURE_REALTIME_PATH = '/openai/v1/realtime'

export function recordHandshake(req: IncomingMessage, url: URL): RecordedHandshake {
  return {
    path: url.pathname,
    model: url.searchParams.get('model'),
    hadAuthorization: req.headers.authorization !== undefined,
    hadApiKeyHeader: req.headers['api-key'] !== undefined
  }
}

/** Null when the request may go on, else the HTTP status and message Azure would answer with. */
export function azureRefusal(
  req: IncomingMessage,
  url: URL,
  apiKey: string
): { status: number; code: string; message: string } | null {
  if (url.pathname !== AZURE_REALTIME_PATH)
    return { status: 404, code: '404', message: 'Resource not found' }
  if (!url.searchParams.get('model'))
    return { status: 400, code: 'missing_model', message: "Missing required parameter: 'model'." }
  if (req.headers.authorization !== undefined)
    return {
      status: 401,
      code: '401',
      message: 'Send the key in the api-key header; this fake resource takes no Authorization.'
    }
  if (req.headers['api-key'] !== apiKey)
    return {
      status: 401,
      code: '401',
      message:
        'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.'
    }
  return null
}
