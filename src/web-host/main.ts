// `npm run -s web -- [--port P] [--data-dir DIR]`: Hark's renderer in a browser, talking to the
// real main-process core in this Node process. Serves on 127.0.0.1 only.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { installProcessGuards } from '../main/app/process-guards'
import { createWebCore } from './core'
import { startWebHost } from './host'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

function defaultDataDir(): string {
  const config =
    process.env.XDG_CONFIG_HOME ??
    (process.platform === 'win32'
      ? process.env.APPDATA
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : join(homedir(), '.config'))
  return join(config ?? tmpdir(), 'hark-web')
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  })
  if (values.help) {
    console.log('Usage: npm run -s web -- [--port P] [--data-dir DIR]')
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number, not "${values.port}"`)
    process.exit(2)
  }
  const rendererDir = join(root, 'out', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) {
    console.log('No built renderer in out/renderer: running `npx electron-vite build` first…')
    const built = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' })
    if (built.status !== 0) process.exit(built.status ?? 1)
  }
  // --data-dir, then HARK_DATA_DIR (which the CLI reads too), then the default.
  const dataDir = resolve(
    values['data-dir'] ?? (process.env.HARK_DATA_DIR?.trim() || undefined) ?? defaultDataDir()
  )
  const host = await startWebHost({
    port,
    rendererDir,
    router: createWebCore(dataDir, process.env)
  })
  // A stray error is printed (redacted) and the host keeps serving the page.
  installProcessGuards(process, (level, message, data) =>
    console[level === 'debug' ? 'log' : level](`hark[${level}]: ${message}`, data ?? '')
  )
  console.log(`Hark is running at ${host.url}`)
  console.log(`Data folder: ${dataDir}. API keys set in the page are kept for this run only.`)
  const stop = (): void => {
    void host.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
