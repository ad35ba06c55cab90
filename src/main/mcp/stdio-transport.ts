// The MCP stdio transport Hark uses instead of the SDK's: the same newline-delimited JSON-RPC
// (the SDK's own ReadBuffer and serializer), but the server is spawned as the leader of its own
// process group (POSIX) so stopping it ends its whole tree, without a shell, through cross-spawn
// so that `npx` resolves on Windows (realtime-2026-11.md §4). Its stderr is kept as a short tail
// for Settings → Tools.
import type { ChildProcess } from 'node:child_process'
import crossSpawn from 'cross-spawn'
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js'
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js'
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js'
import { processGroupAlive, signalProcessTree } from './process-tree'

export interface StdioServerLaunch {
  command: string
  args: string[]
  env: Record<string, string>
  cwd?: string
}

const STDERR_TAIL_LINES = 20
/** Larger than any result Hark passes on, so an oversized result fails the call, not the server. */
const MAX_MESSAGE_BYTES = 32 * 1024 * 1024
const KILL_GRACE_MS = 2000

/** Told when the server's process starts and when it and its group are gone (process-ledger.ts). */
export interface ProcessWatch {
  spawned(pid: number): void
  ended(pid: number): void
}

export class InvalidServerOutputError extends Error {
  constructor(preview: string) {
    super(`The server wrote something that is not JSON-RPC: ${preview}`)
    this.name = 'InvalidServerOutputError'
  }
}

export class HarkStdioTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: <T extends JSONRPCMessage>(message: T) => void

  readonly #launch: StdioServerLaunch
  readonly #readBuffer = new ReadBuffer({ maxBufferSize: MAX_MESSAGE_BYTES })
  readonly #stderrTail: string[] = []
  #stderrPartial = ''
  #child: ChildProcess | undefined
  #exited: Promise<void> = Promise.resolve()

  readonly #watch: ProcessWatch | undefined

  constructor(launch: StdioServerLaunch, watch?: ProcessWatch) {
    this.#launch = launch
    this.#watch = watch
  }

  get pid(): number | undefined {
    return this.#child?.pid
  }

  /** The last lines of the server's stderr, oldest first. */
  stderrTail(): string[] {
    return this.#stderrPartial === ''
      ? [...this.#stderrTail]
      : [...this.#stderrTail, this.#stderrPartial]
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = crossSpawn(this.#launch.command, this.#launch.args, {
        env: this.#launch.env,
        ...(this.#launch.cwd !== undefined ? { cwd: this.#launch.cwd } : {}),
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        detached: process.platform !== 'win32',
        windowsHide: true
      })
      this.#child = child
      this.#exited = new Promise((done) => child.once('close', () => done()))
      child.once('error', (error) => {
        reject(error)
        this.onerror?.(error)
      })
      child.once('spawn', () => {
        if (child.pid !== undefined) this.#watch?.spawned(child.pid)
        resolve()
      })
      child.once('close', () => {
        // Children left in its group (it crashed, they did not) stay on the list until stopped.
        const pid = child.pid
        if (pid !== undefined && (process.platform === 'win32' || !processGroupAlive(pid)))
          this.#watch?.ended(pid)
        this.#child = undefined
        this.onclose?.()
      })
      child.stdin?.on('error', (error) => this.onerror?.(error))
      child.stdout?.on('data', (chunk: Buffer) => this.#onStdout(chunk))
      child.stderr?.on('data', (chunk: Buffer) => this.#onStderr(chunk))
    })
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.#child?.stdin
      if (!stdin || stdin.destroyed) {
        reject(new Error('The server is not running.'))
        return
      }
      if (stdin.write(serializeMessage(message))) resolve()
      else stdin.once('drain', () => resolve())
    })
  }

  async close(): Promise<void> {
    const child = this.#child
    if (!child || child.pid === undefined) return
    const pid = child.pid
    child.stdin?.end()
    signalProcessTree(pid, 'SIGTERM')
    const exited = await Promise.race([
      this.#exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), KILL_GRACE_MS).unref())
    ])
    // The child may be gone while grandchildren in its group ignore SIGTERM: kill the group.
    signalProcessTree(pid, 'SIGKILL')
    if (!exited) await this.#exited
    this.#watch?.ended(pid)
  }

  #onStdout(chunk: Buffer): void {
    try {
      this.#readBuffer.append(chunk)
      for (;;) {
        const message = this.#readBuffer.readMessage()
        if (message === null) break
        this.onmessage?.(message)
      }
    } catch (error) {
      // Not JSON-RPC, or a single message beyond MAX_MESSAGE_BYTES: this server cannot be
      // trusted to be in sync any more. Report it and stop it (its connection then fails).
      this.#readBuffer.clear()
      const preview = error instanceof Error ? error.message.slice(0, 160) : 'unreadable output'
      this.onerror?.(new InvalidServerOutputError(preview))
      void this.close()
    }
  }

  #onStderr(chunk: Buffer): void {
    const lines = (this.#stderrPartial + chunk.toString('utf8')).split(/\r?\n/)
    this.#stderrPartial = (lines.pop() ?? '').slice(-1000)
    for (const line of lines) {
      if (line.trim() === '') continue
      this.#stderrTail.push(line.slice(0, 1000))
      if (this.#stderrTail.length > STDERR_TAIL_LINES) this.#stderrTail.shift()
    }
  }
}
