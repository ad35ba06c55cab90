// Size-based rotation that keeps a few old files: main.log → main.1.log → main.2.log …, the
// oldest dropped. electron-log's own rotation keeps one (main.old.log); a failure that started
// an hour before the user noticed it deserves more history than that. Synchronous because
// electron-log calls it between two writes and expects the file gone when it returns.
import { existsSync, renameSync, rmSync } from 'node:fs'
import { parse, join } from 'node:path'

/** The name of the n-th older file: main.log, 2 → main.2.log. */
export function rotatedName(path: string, n: number): string {
  const { dir, name, ext } = parse(path)
  return join(dir, `${name}.${n}${ext}`)
}

/** Shift path → path.1 → … → path.keep; what was path.keep is deleted. */
export function rotateLogFiles(path: string, keep: number): void {
  rmSync(rotatedName(path, keep), { force: true })
  for (let n = keep - 1; n >= 1; n--) {
    const from = rotatedName(path, n)
    if (existsSync(from)) renameSync(from, rotatedName(path, n + 1))
  }
  if (keep >= 1) renameSync(path, rotatedName(path, 1))
  else rmSync(path, { force: true })
}
