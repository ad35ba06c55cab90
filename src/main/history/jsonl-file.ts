// Append-only JSON Lines on disk. Each record is one write(2) of `line\n`, so after a kill -9
// every record whose write returned is in the file (the page cache survives the process); only
// the record in flight can be torn. Before the first append to a file in this process, a torn
// tail (no final newline) is closed with a newline, so it stays one unreadable line instead of
// swallowing the next record.
import { appendFileSync, readFileSync, statSync, openSync, readSync, closeSync } from 'node:fs'
import { readFile } from 'node:fs/promises'

export interface FileHeader {
  hark: string
  v: number
}

/** Synchronous on purpose: a record is a few hundred bytes, and order must follow the events. */
export class JsonlAppender {
  readonly #checked = new Set<string>()

  append(path: string, lines: readonly string[]): void {
    let prefix = ''
    if (!this.#checked.has(path)) {
      if (endsTorn(path)) prefix = '\n'
      this.#checked.add(path)
    }
    appendFileSync(path, prefix + lines.map((line) => `${line}\n`).join(''), { mode: 0o600 })
  }

  /** After a file was replaced (compaction), its tail is known to be whole. */
  forget(path: string): void {
    this.#checked.delete(path)
  }
}

function endsTorn(path: string): boolean {
  let size: number
  try {
    size = statSync(path).size
  } catch {
    return false
  }
  if (size === 0) return false
  const fd = openSync(path, 'r')
  try {
    const last = Buffer.alloc(1)
    readSync(fd, last, 0, 1, size - 1)
    return last[0] !== 0x0a
  } finally {
    closeSync(fd)
  }
}

/** The file's lines, without empty ones; null when it does not exist. */
export async function readLines(path: string): Promise<string[] | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  return splitLines(text)
}

export function readLinesSync(path: string): string[] | null {
  try {
    return splitLines(readFileSync(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

function splitLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '')
}

/** The first line's header, or null when it is not one of ours. */
export function parseHeader(line: string | undefined, kind: string): FileHeader | null {
  if (line === undefined) return null
  try {
    const value = JSON.parse(line) as Partial<FileHeader> | null
    if (value && value.hark === kind && typeof value.v === 'number') return value as FileHeader
  } catch {
    // Not a header.
  }
  return null
}
