// MCP servers run detached, in process groups of their own (stdio-transport.ts), so a Hark that
// is killed (SIGKILL, a crash, a power-off of the session) leaves them running. Each spawned
// server is written down in the data folder with who it is (its start time, process-identity.ts)
// and who started it; at the next start the servers whose Hark is gone are stopped, whole tree,
// but only when they are still the very process that was recorded: a pid the system has given to
// another program is never signalled. A server that ended normally is struck off.
import { readFile, rename, writeFile } from 'node:fs/promises'
import type { RealtimeLog } from '../realtime/event-bus'
import { identifyProcess, type IdentifyProcess } from './process-identity'
import { processGroupAlive, signalProcessTree } from './process-tree'

export const PROCESS_LEDGER_FILE = 'mcp-processes.json'

export interface LedgerEntry {
  pid: number
  identity: string
  /** For the log only: which server it was. */
  server: string
  owner: { pid: number; identity: string }
}

export interface ProcessLedgerDeps {
  identify?: IdentifyProcess
  kill?: (pid: number) => void
  /** POSIX: whether a process group with this id still has members. */
  groupAlive?: (pgid: number) => boolean
  platform?: NodeJS.Platform
  ownPid?: number
  log: RealtimeLog
}

function parseEntries(text: string): LedgerEntry[] {
  const value = JSON.parse(text) as { servers?: unknown }
  if (!Array.isArray(value.servers)) return []
  return value.servers.filter(
    (entry): entry is LedgerEntry =>
      typeof entry === 'object' &&
      entry !== null &&
      Number.isSafeInteger((entry as LedgerEntry).pid) &&
      typeof (entry as LedgerEntry).identity === 'string' &&
      Number.isSafeInteger((entry as LedgerEntry).owner?.pid) &&
      typeof (entry as LedgerEntry).owner?.identity === 'string'
  )
}

export class ProcessLedger {
  readonly #file: string
  readonly #identify: IdentifyProcess
  readonly #kill: (pid: number) => void
  readonly #groupAlive: (pgid: number) => boolean
  readonly #posix: boolean
  readonly #ownPid: number
  readonly #log: RealtimeLog
  #owner: Promise<LedgerEntry['owner'] | null> | undefined
  /** Every read-modify-write of the file, one after another. */
  #queue: Promise<unknown> = Promise.resolve()

  constructor(file: string, deps: ProcessLedgerDeps) {
    this.#file = file
    const platform = deps.platform ?? process.platform
    this.#identify = deps.identify ?? identifyProcess(platform)
    this.#kill = deps.kill ?? ((pid) => signalProcessTree(pid, 'SIGKILL', platform))
    this.#groupAlive = deps.groupAlive ?? processGroupAlive
    this.#posix = platform !== 'win32'
    this.#ownPid = deps.ownPid ?? process.pid
    this.#log = deps.log
  }

  /** A server was spawned: write it down with who it is and who started it. */
  record(pid: number, server: string): Promise<void> {
    return this.#update(async (entries) => {
      const [identity, owner] = await Promise.all([this.#identify(pid), this.#ownIdentity()])
      // Unidentifiable (already gone, or the system will not say): nothing can be checked later.
      if (identity === null || owner === null) return entries
      return [...entries.filter((entry) => entry.pid !== pid), { pid, identity, server, owner }]
    })
  }

  /** A server (and its group) ended: strike it off. */
  forget(pid: number): Promise<void> {
    return this.#update((entries) => Promise.resolve(entries.filter((e) => e.pid !== pid)))
  }

  /**
   * At start: stop the recorded servers whose Hark is gone and that are still themselves.
   * Returns how many were stopped. Never rejects.
   */
  async stopLeftovers(): Promise<number> {
    let stopped = 0
    await this.#update(async (entries) => {
      const kept: LedgerEntry[] = []
      for (const entry of entries) {
        const ownerNow = await this.#identify(entry.owner.pid)
        if (ownerNow === entry.owner.identity) {
          kept.push(entry) // its Hark is still running (another instance, the CLI): not ours
          continue
        }
        if (await this.#stillOurs(entry)) {
          this.#kill(entry.pid)
          stopped++
          this.#log('info', 'mcp: stopped a server left running by an earlier Hark', {
            server: entry.server,
            pid: entry.pid
          })
        }
      }
      return kept
    })
    return stopped
  }

  async #stillOurs(entry: LedgerEntry): Promise<boolean> {
    const identity = await this.#identify(entry.pid)
    if (identity !== null) return identity === entry.identity
    // The leader is gone. On POSIX a process group id is not handed out again while any member
    // lives, so members left in that group are the server's children.
    return this.#posix && this.#groupAlive(entry.pid)
  }

  /** Resolves once every change so far is on disk (or failed and was logged). */
  settled(): Promise<void> {
    return this.#queue.then(() => undefined)
  }

  #ownIdentity(): Promise<LedgerEntry['owner'] | null> {
    this.#owner ??= this.#identify(this.#ownPid).then((identity) =>
      identity === null ? null : { pid: this.#ownPid, identity }
    )
    return this.#owner
  }

  #update(change: (entries: LedgerEntry[]) => Promise<LedgerEntry[]>): Promise<void> {
    const next = this.#queue.then(async () => {
      const entries = await this.#read()
      const changed = await change(entries)
      if (changed.length === 0 && entries.length === 0) return
      const temporary = `${this.#file}.${this.#ownPid}.tmp`
      await writeFile(temporary, `${JSON.stringify({ servers: changed }, null, 2)}\n`)
      await rename(temporary, this.#file)
    })
    this.#queue = next.catch((error: unknown) =>
      this.#log('warn', 'mcp: the server process list could not be updated', {
        error: error instanceof Error ? error.message : String(error)
      })
    )
    return this.#queue.then(() => undefined)
  }

  async #read(): Promise<LedgerEntry[]> {
    try {
      return parseEntries(await readFile(this.#file, 'utf8'))
    } catch {
      // Missing or unreadable: nothing is known to be left over.
      return []
    }
  }
}
