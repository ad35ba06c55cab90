// Atomic replace of a small file: write a temp file beside it, fsync it, rename it over the old
// one. A crash mid-write leaves either the old file or the new one, never a torn mix (docs/architecture.md, "Storage").
import { open, readdir, rename, rm } from 'node:fs/promises'
import { dirname, join, basename } from 'node:path'
import { randomBytes } from 'node:crypto'

const tempName = (fileName: string): string => `.${fileName}.${randomBytes(6).toString('hex')}.tmp`
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Remove the temp files a write interrupted by a crash or a power cut left beside `fileName` in
 * `dir` (the key file's hold ciphertext). Run at start, when no write of this process is under
 * way. Returns how many were removed; never throws.
 */
export async function removeStaleTempFiles(dir: string, fileName: string): Promise<number> {
  const pattern = new RegExp(`^\\.${escapeRegExp(fileName)}\\.[0-9a-f]{12}\\.tmp$`)
  let removed = 0
  try {
    for (const entry of await readdir(dir)) {
      if (!pattern.test(entry)) continue
      await rm(join(dir, entry), { force: true })
      removed++
    }
  } catch {
    // No folder yet, or one we cannot list: nothing to clean that we could clean.
  }
  return removed
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), tempName(basename(path)))
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  try {
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}
