import { describe, expect, it } from 'vitest'
import {
  AcceleratorError,
  acceleratorLabel,
  acceleratorProblem,
  keycodeOf,
  modifierKeycodes,
  parseAccelerator,
  toElectronAccelerator
} from './accelerator'

describe('parseAccelerator', () => {
  it('parses modifiers and a key, case-insensitively', () => {
    expect(parseAccelerator('Alt+Space', 'linux')).toEqual({ modifiers: ['alt'], key: 'Space' })
    expect(parseAccelerator(' shift + ctrl + h ', 'win32')).toEqual({
      modifiers: ['ctrl', 'shift'],
      key: 'H'
    })
    expect(parseAccelerator('F13', 'linux')).toEqual({ modifiers: [], key: 'F13' })
    expect(parseAccelerator('Option+Cmd+7', 'darwin')).toEqual({
      modifiers: ['alt', 'meta'],
      key: '7'
    })
  })

  it('maps CommandOrControl to Command on macOS and Control elsewhere', () => {
    expect(parseAccelerator('CommandOrControl+Shift+H', 'darwin').modifiers).toEqual([
      'shift',
      'meta'
    ])
    expect(parseAccelerator('CmdOrCtrl+Shift+H', 'win32').modifiers).toEqual(['ctrl', 'shift'])
  })

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['Alt++Space', /empty part/],
    ['Alt+', /empty part/],
    ['Alt+Shift', /only modifiers/],
    ['Alt+Alt+Space', /appears twice/],
    ['Ctrl+CommandOrControl+A', /appears twice/],
    ['Space+Alt', /must come before the key/],
    ['Alt+A+B', /two keys/],
    ['Alt+Tab', /"Tab" is not a supported key/],
    ['Hyper+Space', /"Hyper" is not a supported key/],
    ['AltGr+Space', /AltGr is not supported/],
    ['Space', /alone would fire while you type/],
    ['K', /alone would fire while you type/],
    ['F25', /"F25" is not a supported key/]
  ])('rejects %j with a clear reason', (input, reason) => {
    expect(() => parseAccelerator(input, 'linux')).toThrow(AcceleratorError)
    expect(() => parseAccelerator(input, 'linux')).toThrow(reason)
    expect(acceleratorProblem(input, 'linux')).toMatch(/^Invalid hotkey ".*": /)
  })

  it('reports no problem for a valid hotkey', () => {
    expect(acceleratorProblem('Alt+Space', 'linux')).toBeNull()
  })
})

describe('key codes and names', () => {
  it('maps keys to uiohook codes (UiohookKey values)', () => {
    expect(keycodeOf({ modifiers: ['alt'], key: 'Space' })).toBe(0x0039)
    expect(keycodeOf({ modifiers: ['alt'], key: 'A' })).toBe(0x001e)
    expect(keycodeOf({ modifiers: ['alt'], key: '0' })).toBe(0x000b)
    expect(keycodeOf({ modifiers: [], key: 'F13' })).toBe(0x005b)
    expect(keycodeOf({ modifiers: [], key: 'F24' })).toBe(0x006b)
    expect(modifierKeycodes('alt')).toEqual([0x0038, 0x0e38])
  })

  it('formats an Electron accelerator and a user label', () => {
    const acc = parseAccelerator('CommandOrControl+Alt+Space', 'darwin')
    expect(toElectronAccelerator(acc)).toBe('Alt+Super+Space')
    expect(acceleratorLabel(acc, 'darwin')).toBe('Option+Command+Space')
    expect(acceleratorLabel(parseAccelerator('Ctrl+Space', 'win32'), 'win32')).toBe('Ctrl+Space')
  })
})
