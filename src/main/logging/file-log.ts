// The log file: electron-log (its Node flavour, so no stray IPC channel is registered in main and
// this module runs in plain Node tests) writing redacted, one-line entries to main.log in the
// folder the entry gives it (Electron's app.getPath('logs')), rotated by size.
import logger from 'electron-log/node'
import { join } from 'node:path'
import type { RealtimeLog, RealtimeLogLevel } from '../realtime/event-bus'
import { redactedLogLine } from './redact'
import { rotateLogFiles } from './rotation'

export const LOG_FILE_NAME = 'main.log'
export const LOG_MAX_BYTES = 1024 * 1024
export const LOG_FILES_KEPT = 3

export interface FileLogOptions {
  dir: string
  maxBytes?: number
  /** Rotated files kept besides the current one. */
  keep?: number
  /** Debug entries are chatty (every dropped chunk); written only when asked (HARK_DEBUG=1). */
  debug?: boolean
}

export interface FileLog {
  readonly path: string
  write: RealtimeLog
}

let instances = 0

export function createFileLog(options: FileLogOptions): FileLog {
  const path = join(options.dir, LOG_FILE_NAME)
  const keep = options.keep ?? LOG_FILES_KEPT
  // A logger of our own: the library's default instance is global and console-bound.
  const log = logger.create({ logId: `hark-file-${++instances}` })
  for (const [name, transport] of Object.entries(log.transports))
    if (name !== 'file' && transport) transport.level = false
  const file = log.transports.file
  file.level = options.debug ? 'debug' : 'info'
  file.maxSize = options.maxBytes ?? LOG_MAX_BYTES
  file.resolvePathFn = () => path
  file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}'
  file.archiveLogFn = (old) => {
    try {
      rotateLogFiles(old.path, keep)
    } catch {
      // Cannot rename (a locked file on Windows): start afresh rather than grow without bound.
      old.clear()
    }
  }

  const write = (
    level: RealtimeLogLevel,
    message: string,
    data?: Record<string, unknown>
  ): void => {
    // Skipped before redacting: debug entries can come from hot paths.
    if (level === 'debug' && !options.debug) return
    try {
      log[level](redactedLogLine(message, data))
    } catch {
      // A log that cannot be written (disk full, folder gone) must not break what was logging.
    }
  }
  return { path, write }
}
