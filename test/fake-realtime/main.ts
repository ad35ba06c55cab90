// `npm run -s fake-realtime -- [--port N] [--key K] [--speed F] [--auth-failure close-3000|http-401]
//   [--session-clock F] [--session-limit]`
// Runs the fake Realtime server until SIGINT/SIGTERM, for trying Hark without an OpenAI key.
import { parseArgs } from 'node:util'
import { closeOnSignals, nonNegativeNumber, usageFailure } from './cli-options'
import { FAKE_API_KEY, startFakeRealtimeServer } from './index'
import { randomPreamble } from './options'
import { FAKE_HOST } from './server'

const USAGE = `Usage: fake-realtime [--port N] [--key K] [--speed F] [--host 127.0.0.1]
                     [--auth-failure close-3000|http-401] [--session-clock F]
                     [--session-limit] [--preambles P] [--quiet] [--provider openai|azure]
  --port N          port on 127.0.0.1 (default 0: a free one)
  --key K           the one accepted API key (default ${FAKE_API_KEY})
  --speed F         audio pacing, real time divided by F (default 1; 0 = as fast as possible)
  --host H          only loopback is allowed: 127.0.0.1 or localhost
  --auth-failure    how a wrong key is refused (default close-3000)
  --session-clock F the session clock runs F times faster (60: the 60-minute limit in a minute)
  --session-limit   end each session at its limit (session_expired, then close 1001)
  --preambles P     share (0..1) of answers sent as a spoken preamble item, then the answer item
  --quiet           do not log connections and client events
  --provider azure  act as an Azure OpenAI resource: /openai/v1/realtime?model=<deployment>,
                    the key in the api-key header, any Authorization header refused`

// Annotated: TypeScript only treats an explicitly typed function as never returning.
const fail: (message: string) => never = usageFailure('fake-realtime', USAGE)

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        key: { type: 'string' },
        speed: { type: 'string' },
        host: { type: 'string' },
        'auth-failure': { type: 'string' },
        'session-clock': { type: 'string' },
        'session-limit': { type: 'boolean' },
        preambles: { type: 'string' },
        quiet: { type: 'boolean' },
        provider: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true
    }))
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err))
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  // Never reachable from another machine: the fake accepts a well-known key.
  if (values.host !== undefined && values.host !== FAKE_HOST && values.host !== 'localhost')
    fail(`--host ${values.host} is not allowed; the fake only listens on ${FAKE_HOST}`)
  const port = nonNegativeNumber(values.port, 'port', 0, fail)
  if (!Number.isInteger(port) || port > 65535) fail('--port needs an integer from 0 to 65535')
  const authFailure = values['auth-failure'] ?? 'close-3000'
  if (authFailure !== 'close-3000' && authFailure !== 'http-401')
    fail('--auth-failure is close-3000 or http-401')
  const provider = values.provider ?? 'openai'
  if (provider !== 'openai' && provider !== 'azure') fail('--provider is openai or azure')
  const preambleShare = nonNegativeNumber(values.preambles, 'preambles', 0, fail)
  if (preambleShare > 1) fail('--preambles needs a share from 0 to 1')

  const server = await startFakeRealtimeServer({
    port,
    apiKey: values.key ?? FAKE_API_KEY,
    speed: nonNegativeNumber(values.speed, 'speed', 1, fail),
    authFailure,
    sessionClockSpeed: nonNegativeNumber(values['session-clock'], 'session-clock', 1, fail) || 1,
    enforceSessionLimit: values['session-limit'] ?? false,
    preamble: randomPreamble(preambleShare),
    provider,
    log: values.quiet ? () => undefined : (line) => process.stdout.write(`${line}\n`)
  })
  const azureUrl = server.url.replace('/v1/realtime', '/openai/v1/realtime')
  process.stdout.write(
    provider === 'azure'
      ? `Fake Azure OpenAI resource listening on ${azureUrl}\n` +
          `Use it with: AZURE_OPENAI_API_KEY=${server.apiKey} OPENAI_REALTIME_PROVIDER=azure OPENAI_REALTIME_URL=${azureUrl}\n`
      : `Fake Realtime server listening on ${server.url}\n` +
          `Use it with: OPENAI_API_KEY=${server.apiKey} OPENAI_REALTIME_URL=${server.url}\n`
  )
  closeOnSignals(() => server.close())
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-realtime: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
