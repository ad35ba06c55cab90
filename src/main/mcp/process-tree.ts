// Stopping a server stops everything it started: `npx`/`uvx` servers run as grandchildren that
// survive a plain kill of the child (realtime-2026-11.md §4). On POSIX the server is spawned as
// the leader of its own process group and the whole group is signalled; on Windows `taskkill /T`
// ends the tree.
import { spawn } from 'node:child_process'

export function signalProcessTree(
  pid: number,
  signal: 'SIGTERM' | 'SIGKILL',
  platform: NodeJS.Platform = process.platform
): void {
  if (platform === 'win32') {
    // taskkill has no gentle tree kill for console programs: /F from the start.
    const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], {
      stdio: 'ignore',
      windowsHide: true
    })
    killer.on('error', () => undefined)
    return
  }
  try {
    process.kill(-pid, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Whether any process of the group still exists (POSIX; signal 0 only checks). */
export function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM'
  }
}
