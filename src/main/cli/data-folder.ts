// Hark's data folder as the desktop app has it (Electron's userData for the app "Hark"), so the
// CLI finds the same mcp.json and tool permissions.
import { homedir } from 'node:os'
import { join } from 'node:path'

export function harkDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir()
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Hark')
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Hark')
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Hark')
}
