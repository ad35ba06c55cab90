// A Dock-launched macOS app (and some Linux launchers) starts with a minimal PATH, so `npx`,
// `uvx` and Homebrew tools are not found (realtime-2026-11.md §4). Ask the user's login shell
// for its PATH once and use it for every server; fall back to our own PATH.
import { execFile } from 'node:child_process'

const MARKER = '__HARK_PATH__'
const SHELL_TIMEOUT_MS = 5000

let cached: Promise<string | undefined> | undefined

export function parseShellPathOutput(output: string): string | undefined {
  const start = output.lastIndexOf(MARKER)
  if (start < 0) return undefined
  const rest = output.slice(start + MARKER.length)
  const end = rest.indexOf(MARKER)
  const path = (end < 0 ? rest : rest.slice(0, end)).trim()
  return path === '' ? undefined : path
}

export function resolveLoginShellPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): Promise<string | undefined> {
  if (platform === 'win32') return Promise.resolve(env['PATH'] ?? env['Path'])
  cached ??= new Promise((resolve) => {
    const shell = env['SHELL'] ?? '/bin/sh'
    // Markers around it: login shells may print a banner before and after.
    execFile(
      shell,
      ['-ilc', `printf '${MARKER}%s${MARKER}' "$PATH"`],
      { timeout: SHELL_TIMEOUT_MS, env, windowsHide: true },
      (_error, stdout) => resolve(parseShellPathOutput(String(stdout)) ?? env['PATH'])
    )
  })
  return cached
}
