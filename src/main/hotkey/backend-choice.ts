// Which global-hotkey backend to use, and a sentence telling the user why (docs/architecture.md, "Audio path", "Toolchain notes").
// The uiohook keyboard hook gives key-up events (hold-to-talk); Electron's globalShortcut gives
// presses only (toggle). Starting the hook where it cannot run aborts the whole process (macOS
// without the Accessibility permission, Linux without an X display), so this decision comes first.

export type HotkeyMode = 'hold' | 'toggle' | 'off'
export type HotkeyBackendKind = 'uiohook' | 'globalShortcut' | 'none'

export interface HotkeyBackendChoice {
  mode: HotkeyMode
  backend: HotkeyBackendKind
  /** One or two sentences for the user: which mode is active and why. */
  reason: string
}

export interface BackendChoiceInput {
  platform: string
  env: Readonly<Record<string, string | undefined>>
  /** macOS: systemPreferences.isTrustedAccessibilityClient(false). Ignored elsewhere. */
  accessibilityTrusted?: boolean
  /** `await import('uiohook-napi')` succeeded (prebuilt binary present and loadable). */
  hookLoadable: boolean
  /** globalShortcut can register here (false e.g. on Wayland without the GlobalShortcuts portal). */
  globalShortcutUsable?: boolean
  /** The hotkey as the user should read it, e.g. "Alt+Space". */
  hotkeyLabel: string
}

type HookVerdict = { ok: true } | { ok: false; why: 'wayland' | 'no-display' | 'accessibility' }

function isWaylandSession(env: BackendChoiceInput['env']): boolean {
  return env.XDG_SESSION_TYPE?.toLowerCase() === 'wayland' || !!env.WAYLAND_DISPLAY
}

/**
 * Whether the native hook may be started at all (regardless of whether it loaded). On Linux the
 * hook is X11 only: with no DISPLAY `start()` aborts the process; in a Wayland session with
 * XWayland it starts but only sees keys typed into X11 windows, so it is not global there.
 */
function hookVerdict(input: Omit<BackendChoiceInput, 'hotkeyLabel' | 'hookLoadable'>): HookVerdict {
  const { platform, env } = input
  if (platform === 'darwin')
    return input.accessibilityTrusted === true ? { ok: true } : { ok: false, why: 'accessibility' }
  if (platform === 'linux') {
    if (isWaylandSession(env)) return { ok: false, why: 'wayland' }
    if (!env.DISPLAY) return { ok: false, why: 'no-display' }
    return { ok: true }
  }
  if (platform === 'win32') return { ok: true }
  return { ok: false, why: 'no-display' }
}

/** Guard for the uiohook adapter: never call start() when this is false. */
export function canStartHook(
  input: Omit<BackendChoiceInput, 'hotkeyLabel' | 'hookLoadable'>
): boolean {
  return hookVerdict(input).ok
}

export function chooseHotkeyBackend(input: BackendChoiceInput): HotkeyBackendChoice {
  const { platform, hotkeyLabel: key } = input
  const toggleHint = `press ${key} to start talking and again to stop.`
  const verdict = hookVerdict(input)
  const shortcutUsable = input.globalShortcutUsable !== false

  if (verdict.ok && input.hookLoadable)
    return {
      mode: 'hold',
      backend: 'uiohook',
      reason: `Hold ${key} while you speak and let go to get the answer; a short tap toggles talking on and off.`
    }

  if (platform === 'linux' && !verdict.ok && verdict.why === 'no-display')
    return {
      mode: 'off',
      backend: 'none',
      reason:
        'No graphical display was found, so there is no global hotkey; use the Talk button in the window.'
    }

  let why: string
  if (!verdict.ok && verdict.why === 'accessibility')
    why =
      'Hold-to-talk needs the Accessibility permission (System Settings → Privacy & Security → ' +
      'Accessibility); until you grant it and restart Hark,'
  else if (!verdict.ok && verdict.why === 'wayland')
    why = 'Hold-to-talk is off on Wayland, where apps cannot see key releases in other windows;'
  else if (!verdict.ok) why = `Hold-to-talk is not available on ${platform};`
  else why = 'Hold-to-talk is off because the keyboard hook could not be loaded;'

  if (!shortcutUsable)
    return {
      mode: 'off',
      backend: 'none',
      reason:
        `${why} the system also refused a global shortcut` +
        (verdict.ok === false && verdict.why === 'wayland'
          ? ' (this desktop offers no GlobalShortcuts portal)'
          : '') +
        ', so use the Talk button in the window.'
    }
  return { mode: 'toggle', backend: 'globalShortcut', reason: `${why} ${toggleHint}` }
}
