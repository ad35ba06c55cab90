// The CLI entry (`npm run -s fake-realtime`), run as a child process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { RawClient } from './raw-client'

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url))
let child: ChildProcessWithoutNullStreams | undefined

function run(args: string[]): ChildProcessWithoutNullStreams {
  child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args])
  return child
}

function exitCode(process: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => process.once('exit', (code) => resolve(code)))
}

function firstLines(process: ChildProcessWithoutNullStreams, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let text = ''
    process.stdout.on('data', (data: Buffer) => {
      text += data.toString('utf8')
      const lines = text.split('\n')
      if (lines.length > count) resolve(lines.slice(0, count))
    })
    process.once('exit', (code) => reject(new Error(`exited with ${code ?? 'signal'}: ${text}`)))
  })
}

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

describe('fake-realtime CLI', () => {
  it('prints the URL and key, serves sessions, and stops on SIGTERM', async () => {
    const cli = run(['--port', '0', '--key', 'sk-cli-test', '--speed', '0', '--quiet'])
    const [listening, usage] = await firstLines(cli, 2)
    const match =
      /^Fake Realtime server listening on (ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime)$/.exec(
        listening ?? ''
      )
    expect(match).not.toBeNull()
    expect(usage).toContain('OPENAI_API_KEY=sk-cli-test')
    const client = await RawClient.connect(match?.[1] ?? '', { apiKey: 'sk-cli-test' })
    await client.waitFor('session.created')
    client.close()
    const exited = exitCode(cli)
    cli.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('refuses to listen on anything but loopback', async () => {
    const cli = run(['--host', '0.0.0.0'])
    let stderr = ''
    cli.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')))
    expect(await exitCode(cli)).toBe(2)
    expect(stderr).toContain('--host 0.0.0.0 is not allowed')
  })
})
