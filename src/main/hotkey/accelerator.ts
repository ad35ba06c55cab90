// A user hotkey in Electron accelerator syntax ("Alt+Space", "CommandOrControl+Shift+H", "F13")
// parsed into modifiers + one key, validated, and mapped to uiohook key codes.
// https://www.electronjs.org/docs/latest/api/accelerator

import {
  MODIFIER_KINDS,
  UIOHOOK_KEYCODES,
  UIOHOOK_MODIFIER_KEYCODES,
  type HotkeyKey,
  type ModifierKind
} from './uiohook-keycodes'

export type { HotkeyKey, ModifierKind } from './uiohook-keycodes'

export interface Accelerator {
  /** Required modifiers, in canonical order (ctrl, alt, shift, meta), without duplicates. */
  modifiers: readonly ModifierKind[]
  key: HotkeyKey
}

export class AcceleratorError extends Error {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Invalid hotkey "${input}": ${detail}`)
    this.name = 'AcceleratorError'
  }
}

/** Electron modifier names (lower case) → the modifier they mean on `platform`. */
function modifierNamed(name: string, platform: string): ModifierKind | undefined {
  const mac = platform === 'darwin'
  switch (name) {
    case 'command':
    case 'cmd':
    case 'super':
    case 'meta':
      return 'meta'
    case 'control':
    case 'ctrl':
      return 'ctrl'
    case 'commandorcontrol':
    case 'cmdorctrl':
      return mac ? 'meta' : 'ctrl'
    case 'alt':
    case 'option':
      return 'alt'
    case 'shift':
      return 'shift'
    default:
      return undefined
  }
}

const KEY_BY_LOWER = new Map<string, HotkeyKey>(
  (Object.keys(UIOHOOK_KEYCODES) as HotkeyKey[]).map((k) => [k.toLowerCase(), k])
)

function isFunctionKey(key: HotkeyKey): boolean {
  return /^F\d+$/.test(key)
}

/**
 * Parses `input`; throws AcceleratorError with a sentence a user can act on. `platform` decides
 * what CommandOrControl means (Command on macOS, Control elsewhere).
 */
export function parseAccelerator(input: string, platform: string): Accelerator {
  const text = input.trim()
  if (text === '') throw new AcceleratorError(input, 'it is empty.')
  const parts = text.split('+').map((p) => p.trim())
  if (parts.some((p) => p === ''))
    throw new AcceleratorError(input, 'it has an empty part (write keys as "Alt+Space").')
  const found = new Set<ModifierKind>()
  let key: HotkeyKey | undefined
  for (const part of parts) {
    const lower = part.toLowerCase()
    if (lower === 'altgr')
      throw new AcceleratorError(input, 'AltGr is not supported; use Alt instead.')
    const modifier = modifierNamed(lower, platform)
    if (modifier !== undefined) {
      if (key !== undefined)
        throw new AcceleratorError(input, `the modifier "${part}" must come before the key.`)
      if (found.has(modifier))
        throw new AcceleratorError(input, `the modifier "${part}" appears twice.`)
      found.add(modifier)
      continue
    }
    const named = KEY_BY_LOWER.get(lower)
    if (named === undefined)
      throw new AcceleratorError(
        input,
        `"${part}" is not a supported key (use A–Z, 0–9, F1–F24 or Space, with Ctrl, Alt, Shift, ` +
          'Command/Super or CommandOrControl).'
      )
    if (key !== undefined)
      throw new AcceleratorError(input, `it names two keys ("${key}" and "${named}"); use one.`)
    key = named
  }
  if (key === undefined)
    throw new AcceleratorError(input, 'it has only modifiers; add a key, e.g. "Alt+Space".')
  if (found.size === 0 && !isFunctionKey(key))
    throw new AcceleratorError(
      input,
      `"${key}" alone would fire while you type; add a modifier (e.g. "Alt+${key}") or use F1–F24.`
    )
  return { modifiers: MODIFIER_KINDS.filter((m) => found.has(m)), key }
}

/** Null when `input` is a valid hotkey, else the reason it is not. */
export function acceleratorProblem(input: string, platform: string): string | null {
  try {
    parseAccelerator(input, platform)
    return null
  } catch (err) {
    if (err instanceof AcceleratorError) return err.message
    throw err
  }
}

const ELECTRON_MODIFIER: Record<ModifierKind, string> = {
  ctrl: 'Control',
  alt: 'Alt',
  shift: 'Shift',
  meta: 'Super'
}

/** Canonical Electron accelerator for globalShortcut.register, e.g. "Alt+Space". */
export function toElectronAccelerator(acc: Accelerator): string {
  return [...acc.modifiers.map((m) => ELECTRON_MODIFIER[m]), acc.key].join('+')
}

const LABEL: Record<string, Record<ModifierKind, string>> = {
  darwin: { ctrl: 'Control', alt: 'Option', shift: 'Shift', meta: 'Command' },
  win32: { ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift', meta: 'Win' },
  other: { ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift', meta: 'Super' }
}

/** How to name the hotkey to the user on `platform`, e.g. "Option+Space" on macOS. */
export function acceleratorLabel(acc: Accelerator, platform: string): string {
  const names = LABEL[platform] ?? LABEL.other
  return [...acc.modifiers.map((m) => names?.[m] ?? m), acc.key].join('+')
}

/** uiohook key code of the accelerator's key. */
export function keycodeOf(acc: Accelerator): number {
  return UIOHOOK_KEYCODES[acc.key]
}

/** uiohook key codes (left and right) of a modifier. */
export function modifierKeycodes(kind: ModifierKind): readonly number[] {
  return UIOHOOK_MODIFIER_KEYCODES[kind]
}
