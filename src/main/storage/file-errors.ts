// File-system failures as sentences a user can act on. Only ENOENT means "there is no file":
// every other read error means "there is a file we cannot read", which must never be treated as
// absent (and then overwritten with defaults).
import { dirname } from 'node:path'

/** A file Hark keeps could not be written; the message is the sentence for the user. */
export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'StorageError'
  }
}

export function errnoOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'unknown'
}

export const isMissingFile = (error: unknown): boolean => errnoOf(error) === 'ENOENT'

/** Why `path` could not be read or written, as the end of a sentence ("…: the disk is full."). */
export function fileProblem(error: unknown, path: string): string {
  switch (errnoOf(error)) {
    case 'EACCES':
    case 'EPERM':
      return `Hark has no permission to use ${path} (check the permissions of ${dirname(path)})`
    case 'EROFS':
      return `the folder ${dirname(path)} is on a read-only disk`
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full'
    case 'EISDIR':
      return `a folder is in the way at ${path}`
    case 'ENOTDIR':
      return `a file is in the way of the folder ${dirname(path)}`
    case 'EBUSY':
    case 'EAGAIN':
      return `${path} is in use by another program`
    default:
      return `the system refused (${errnoOf(error)})`
  }
}
