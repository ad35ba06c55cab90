// Who a process is, beyond its pid: its start time, which a reused pid cannot share. Read from
// /proc on Linux (start time in clock ticks since boot, with the boot's id), `ps` on macOS and
// other POSIX systems, and PowerShell on Windows (best effort). Null when the process is gone or
// the system will not say.
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'

export type IdentifyProcess = (pid: number) => Promise<string | null>

function run(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 5000, windowsHide: true }, (error, stdout) =>
      resolve(error ? null : stdout.trim() || null)
    )
  })
}

async function linuxIdentity(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces and parentheses): the 22nd field of
    // the line, `starttime`, is the 20th after the closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const startTicks = fields[19]
    if (startTicks === undefined) return null
    const boot = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '')
    return `linux:${boot.trim()}:${startTicks}`
  } catch {
    return null
  }
}

export function identifyProcess(platform: NodeJS.Platform = process.platform): IdentifyProcess {
  return async (pid) => {
    if (!Number.isSafeInteger(pid) || pid <= 0) return null
    if (platform === 'linux') return linuxIdentity(pid)
    if (platform === 'win32') {
      const started = await run('powershell.exe', [
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        `(Get-CimInstance Win32_Process -Filter "ProcessId=${pid}").CreationDate.ToFileTimeUtc()`
      ])
      return started === null ? null : `win32:${started}`
    }
    const started = await run('ps', ['-o', 'lstart=', '-p', String(pid)])
    return started === null ? null : `ps:${started}`
  }
}
