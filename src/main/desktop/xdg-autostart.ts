// Launch at login on Linux. Electron's app.setLoginItemSettings does nothing there; the desktops
// (GNOME, KDE, Xfce, …) all start what the XDG Autostart spec lists: a .desktop file in
// $XDG_CONFIG_HOME/autostart (~/.config/autostart by default).
import { mkdir, rm } from 'node:fs/promises'
import { dirname, isAbsolute, join } from 'node:path'
import { writeFileAtomic } from '../storage/atomic-file'

export const AUTOSTART_FILE_NAME = 'hark.desktop'

export function autostartFilePath(
  env: Readonly<Record<string, string | undefined>>,
  home: string
): string {
  // The spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configured = env['XDG_CONFIG_HOME']
  const config = configured && isAbsolute(configured) ? configured : join(home, '.config')
  return join(config, 'autostart', AUTOSTART_FILE_NAME)
}

/**
 * One argument of an Exec key (Desktop Entry spec, "The Exec key"): always quoted, with `"`, `` ` ``,
 * `$` and `\` escaped inside the quotes, then the string-value escape of `\` applied on top, and
 * `%` doubled so it is not read as a field code.
 */
export function quoteExecArg(arg: string): string {
  const quoted = `"${arg.replace(/(["`$\\])/g, '\\$1')}"`
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%')
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=Hark',
    'Comment=Hold a key, speak, hear the answer',
    `Exec=${quoteExecArg(executable)}`,
    'Icon=hark',
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    ''
  ].join('\n')
}

/** Write the entry (enabled) or remove it (disabled); removing a missing file is fine. */
export async function setXdgAutostart(
  path: string,
  executable: string,
  enabled: boolean
): Promise<void> {
  if (!enabled) {
    await rm(path, { force: true })
    return
  }
  await mkdir(dirname(path), { recursive: true })
  await writeFileAtomic(path, autostartEntry(executable))
}
