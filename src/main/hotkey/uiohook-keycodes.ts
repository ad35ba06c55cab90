// Key codes of uiohook-napi's `UiohookKey` export (libuiohook's VC_* scan codes), copied from
// uiohook-napi's src/index.ts (github.com/SnosMe/uiohook-napi). The package is not installed where
// this was written: if you upgrade it, verify these values against `UiohookKey`
// (e.g. `node -e "console.log(require('uiohook-napi').UiohookKey)"`).
// Only the keys Hark accepts in a hotkey are listed: letters, digits, F1–F24, Space, modifiers.

export const UIOHOOK_KEYCODES = {
  Space: 0x0039,
  '0': 0x000b,
  '1': 0x0002,
  '2': 0x0003,
  '3': 0x0004,
  '4': 0x0005,
  '5': 0x0006,
  '6': 0x0007,
  '7': 0x0008,
  '8': 0x0009,
  '9': 0x000a,
  A: 0x001e,
  B: 0x0030,
  C: 0x002e,
  D: 0x0020,
  E: 0x0012,
  F: 0x0021,
  G: 0x0022,
  H: 0x0023,
  I: 0x0017,
  J: 0x0024,
  K: 0x0025,
  L: 0x0026,
  M: 0x0032,
  N: 0x0031,
  O: 0x0018,
  P: 0x0019,
  Q: 0x0010,
  R: 0x0013,
  S: 0x001f,
  T: 0x0014,
  U: 0x0016,
  V: 0x002f,
  W: 0x0011,
  X: 0x002d,
  Y: 0x0015,
  Z: 0x002c,
  F1: 0x003b,
  F2: 0x003c,
  F3: 0x003d,
  F4: 0x003e,
  F5: 0x003f,
  F6: 0x0040,
  F7: 0x0041,
  F8: 0x0042,
  F9: 0x0043,
  F10: 0x0044,
  F11: 0x0057,
  F12: 0x0058,
  F13: 0x005b,
  F14: 0x005c,
  F15: 0x005d,
  F16: 0x0063,
  F17: 0x0064,
  F18: 0x0065,
  F19: 0x0066,
  F20: 0x0067,
  F21: 0x0068,
  F22: 0x0069,
  F23: 0x006a,
  F24: 0x006b
} as const

export type HotkeyKey = keyof typeof UIOHOOK_KEYCODES

/** UiohookKey.Ctrl/CtrlRight, Alt/AltRight, Shift/ShiftRight, Meta/MetaRight (left, right). */
export const UIOHOOK_MODIFIER_KEYCODES = {
  ctrl: [0x001d, 0x0e1d],
  alt: [0x0038, 0x0e38],
  shift: [0x002a, 0x0036],
  meta: [0x0e5b, 0x0e5c]
} as const

export type ModifierKind = keyof typeof UIOHOOK_MODIFIER_KEYCODES

export const MODIFIER_KINDS: readonly ModifierKind[] = ['ctrl', 'alt', 'shift', 'meta']

/** Which modifier a keycode is, if any. */
export function modifierOfKeycode(keycode: number): ModifierKind | undefined {
  for (const kind of MODIFIER_KINDS) {
    if ((UIOHOOK_MODIFIER_KEYCODES[kind] as readonly number[]).includes(keycode)) return kind
  }
  return undefined
}
