// `npm run -s fake-live -- [--port N] [--key K] [--speed F]`
// Runs the fake GPT-Live server until SIGINT/SIGTERM, for trying Hark's Live engine without a key.
import { parseArgs } from 'node:util'
import { FAKE_API_KEY, startFakeLiveServer } from './index'

const USAGE = `Usage: fake-live [--port N] [--key K] [--speed F] [--quiet]
  --port N    port on 127.0.0.1 (default 0: a free one)
  --key K     the one accepted API key (default ${FAKE_API_KEY})
  --speed F   audio pacing, real time divided by F (default 1; 0 = as fast as possible)
  --quiet     do not log connections`

function fail(message: string): never {
  process.stderr.write(`fake-live: ${message}\n${USAGE}\n`)
  process.exit(2)
}

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) fail(`--${name} needs a number >= 0`)
  return n
}

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
  const port = number(values.port, 'port', 0)
  if (!Number.isInteger(port) || port > 65535) fail('--port needs an integer from 0 to 65535')
  const server = await startFakeLiveServer({
    port,
    apiKey: values.key ?? FAKE_API_KEY,
    speed: number(values.speed, 'speed', 1),
    log: values.quiet ? () => undefined : (line) => process.stdout.write(`${line}\n`)
  })
  process.stdout.write(
    `Fake GPT-Live server listening on ${server.url}\n` +
      `Use it with: OPENAI_API_KEY=${server.apiKey} OPENAI_LIVE_URL=${server.url}\n`
  )
  const stop = (): void => {
    void server.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-live: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
