// What closing the window does. Hark lives on in the tray so the global hotkey keeps working, but
// a hidden window must stay reachable: some Linux desktops (GNOME without the AppIndicator
// extension, several Wayland compositors) show no tray icons at all, and Electron cannot tell
// whether an icon is visible. There the window is minimised instead of hidden, so it stays in the
// dock, the task list and Alt+Tab. Quitting (tray menu, Cmd+Q, app.quit) always really closes.
export type CloseAction = 'close' | 'hide' | 'minimize'

/** Desktops known to show StatusNotifier/system-tray icons out of the box. */
const TRAY_DESKTOPS = [
  'kde',
  'xfce',
  'lxqt',
  'lxde',
  'mate',
  'cinnamon',
  'budgie',
  'unity',
  'ubuntu',
  'deepin',
  'pantheon'
]

/** Whether a tray icon is (as far as we can know) visible to the user on this desktop. */
export function trayIsVisible(
  platform: string,
  env: Readonly<Record<string, string | undefined>>
): boolean {
  if (platform !== 'linux') return true
  // XDG_CURRENT_DESKTOP is a colon-separated list, e.g. "ubuntu:GNOME" (Ubuntu ships the
  // AppIndicator extension) or "GNOME" (Fedora, Debian: no tray without an extension).
  // Unregistered names carry an "X-" prefix ("X-Cinnamon").
  const desktops = (env['XDG_CURRENT_DESKTOP'] ?? '')
    .toLowerCase()
    .split(':')
    .map((desktop) => desktop.replace(/^x-/, ''))
  return desktops.some((desktop) => TRAY_DESKTOPS.includes(desktop))
}

export function closeAction(state: {
  /** The app is quitting: let the window close. */
  quitting: boolean
  /** A tray icon exists (creating one can fail). */
  hasTray: boolean
  platform: string
  env: Readonly<Record<string, string | undefined>>
}): CloseAction {
  if (state.quitting) return 'close'
  // macOS: the Dock icon reopens the window ('activate'), with or without the menu bar icon.
  if (state.platform === 'darwin') return 'hide'
  if (!state.hasTray) return 'close'
  return trayIsVisible(state.platform, state.env) ? 'hide' : 'minimize'
}
