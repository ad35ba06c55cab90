// A map kept on disk as a snapshot (one encrypted blob, replaced atomically) plus an append-only
// journal of changes since. Opening reads one blob and a short journal, so listing 10,000
// conversations costs one decryption, not 10,000. Used for the index (summaries) and the search
// text. A crash between the snapshot's rename and the journal's reset only replays changes that
// are already in the snapshot: applying them twice gives the same map.
import { mkdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../storage/atomic-file'
import type { JsonlAppender } from './jsonl-file'
import { parseHeader, readLines } from './jsonl-file'
import type { LineCodec } from './line-codec'

export const KEYED_LOG_VERSION = 1
/** The journal is folded into the snapshot at open once it has this many lines. */
const COMPACT_AFTER_LINES = 200

export type KeyedOp<V> = { op: 'put'; id: string; value: V } | { op: 'del'; id: string }

export interface KeyedLogLoad<V> {
  map: Map<string, V>
  /** How many lines could not be read (torn, another key, newer version). */
  unreadable: number
  /** The snapshot was written by a newer Hark: it is left untouched. */
  newerVersion: boolean
  journalLines: number
}

/** How a snapshot stores values: a compact form (a tuple) parses faster than an object. */
export interface SnapshotForm<V> {
  pack(id: string, value: V): unknown[]
  unpack(packed: unknown[]): [string, V]
}

const pairForm = {
  pack: (id: string, value: unknown): unknown[] => [id, value],
  unpack: (packed: unknown[]): [string, unknown] => [packed[0] as string, packed[1]]
}

export class KeyedLog<V> {
  readonly snapshotPath: string
  readonly journalPath: string
  readonly #kind: string
  readonly #codec: LineCodec
  readonly #appender: JsonlAppender

  readonly #form: SnapshotForm<V>

  constructor(
    dir: string,
    name: string,
    codec: LineCodec,
    appender: JsonlAppender,
    form: SnapshotForm<V> = pairForm as SnapshotForm<V>
  ) {
    this.#form = form
    this.snapshotPath = join(dir, `${name}.snapshot`)
    this.journalPath = join(dir, `${name}.jsonl`)
    this.#kind = `hark-${name}`
    this.#codec = codec
    this.#appender = appender
  }

  /** The last load, reused while neither file changed (another process may append too). */
  #cached: { signature: string; load: KeyedLogLoad<V> } | undefined

  async load(): Promise<KeyedLogLoad<V>> {
    const signature = await this.#signature()
    if (this.#cached?.signature === signature) return this.#cached.load
    const load = await this.#read()
    this.#cached = { signature, load }
    return load
  }

  async #signature(): Promise<string> {
    const parts = await Promise.all(
      [this.snapshotPath, this.journalPath].map((path) =>
        stat(path).then(
          (info) => `${info.mtimeMs}:${info.size}:${info.ino}`,
          () => '-'
        )
      )
    )
    return parts.join('|')
  }

  async #read(): Promise<KeyedLogLoad<V>> {
    const map = new Map<string, V>()
    let unreadable = 0
    let newerVersion = false
    const snapshot = await readSnapshot(this.snapshotPath)
    if (snapshot !== null && snapshot.length > 0) {
      const newline = snapshot.indexOf(0x0a)
      const header = parseHeader(
        snapshot.subarray(0, newline < 0 ? snapshot.length : newline).toString('utf8'),
        this.#kind
      )
      if (header === null) unreadable++
      else if (header.v > KEYED_LOG_VERSION) newerVersion = true
      else
        try {
          const entries = this.#codec.decodeBlob(snapshot.subarray(newline + 1)) as unknown[][]
          for (const packed of entries) {
            const [id, value] = this.#form.unpack(packed)
            map.set(id, value)
          }
        } catch {
          unreadable++
        }
    }
    const journal = (await readLines(this.journalPath)) ?? []
    let journalLines = 0
    for (const line of journal) {
      if (parseHeader(line, this.#kind) !== null) continue
      journalLines++
      try {
        const op = this.#codec.decode(line) as KeyedOp<V>
        if (op.op === 'put') map.set(op.id, op.value)
        else if (op.op === 'del') map.delete(op.id)
        else unreadable++
      } catch {
        unreadable++
      }
    }
    return { map, unreadable, newerVersion, journalLines }
  }

  append(ops: readonly KeyedOp<V>[]): void {
    if (ops.length === 0) return
    this.#appender.append(
      this.journalPath,
      ops.map((op) => this.#codec.encode(op))
    )
  }

  /** Worth compacting: a long journal, nothing unreadable (that would drop it), our version. */
  shouldCompact(load: KeyedLogLoad<V>): boolean {
    return load.journalLines >= COMPACT_AFTER_LINES && load.unreadable === 0 && !load.newerVersion
  }

  async writeSnapshot(map: ReadonlyMap<string, V>): Promise<void> {
    await mkdir(join(this.snapshotPath, '..'), { recursive: true })
    const header = JSON.stringify({ hark: this.#kind, v: KEYED_LOG_VERSION })
    await writeFileAtomic(
      this.snapshotPath,
      Buffer.concat([
        Buffer.from(`${header}\n`),
        this.#codec.encodeBlob([...map].map(([id, value]) => this.#form.pack(id, value)))
      ])
    )
    await writeFileAtomic(this.journalPath, `${header}\n`)
    this.#appender.forget(this.journalPath)
  }
}

async function readSnapshot(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
