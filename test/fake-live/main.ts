// `npm run -s fake-live -- [--port N] [--key K] [--speed F]`
// Runs the fake GPT-Live server until SIGINT/SIGTERM, for trying Hark's Live engine without a key.
import { parseArgs } from 'node:util'
import { closeOnSignals, nonNegativeNumber, usageFailure } from '../fake-realtime/cli-options'
import { FAKE_API_KEY, startFakeLiveServer } from './index'

const USAGE = `Usage: fake-live [--port N] [--key K] [--speed F] [--quiet]
  --port N    port on 127.0.0.1 (default 0: a free one)
  --key K     the one accepted API key (default ${FAKE_API_KEY})
  --speed F   audio pacing, real time divided by F (default 1; 0 = as fast as possible)
  --quiet     do not log connections`

// Annotated: TypeScript only treats an explicitly typed function as never returning.
const fail: (message: string) => never = usageFailure('fake-live', USAGE)

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        key: { type: 'string' },
        speed: { type: 'string' },
        quiet: { type: 'boolean' },
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
  const port = nonNegativeNumber(values.port, 'port', 0, fail)
  if (!Number.isInteger(port) || port > 65535) fail('--port needs an integer from 0 to 65535')
  const server = await startFakeLiveServer({
    port,
    apiKey: values.key ?? FAKE_API_KEY,
    speed: nonNegativeNumber(values.speed, 'speed', 1, fail),
    log: values.quiet ? () => undefined : (line) => process.stdout.write(`${line}\n`)
  })
  process.stdout.write(
    `Fake GPT-Live server listening on ${server.url}\n` +
      `Use it with: OPENAI_API_KEY=${server.apiKey} OPENAI_LIVE_URL=${server.url}\n`
  )
  closeOnSignals(() => server.close())
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-live: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
