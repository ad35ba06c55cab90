// The data folder the CLI reads: HARK_DATA_DIR when set (as for the browser host), otherwise the
// desktop app's user-data folder (Electron's appData + "Hark").
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export function cliDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir()
): string {
  const override = env['HARK_DATA_DIR']?.trim()
  if (override) return resolve(override)
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Hark')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hark')
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Hark')
}
