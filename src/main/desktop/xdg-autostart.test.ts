import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { autostartEntry, autostartFilePath, quoteExecArg, setXdgAutostart } from './xdg-autostart'

describe('XDG autostart', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, or ~/.config/autostart', () => {
    expect(autostartFilePath({}, '/home/me')).toBe('/home/me/.config/autostart/hark.desktop')
    expect(autostartFilePath({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe(
      '/cfg/autostart/hark.desktop'
    )
    // The spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    expect(autostartFilePath({ XDG_CONFIG_HOME: 'cfg' }, '/home/me')).toBe(
      '/home/me/.config/autostart/hark.desktop'
    )
  })

  it('quotes the executable as the Desktop Entry spec asks', () => {
    expect(quoteExecArg('/opt/Hark/hark')).toBe('"/opt/Hark/hark"')
    expect(quoteExecArg('/home/me/My Apps/Hark.AppImage')).toBe('"/home/me/My Apps/Hark.AppImage"')
    // `$` and `"` escaped inside the quotes, then every backslash escaped again; `%` doubled.
    expect(quoteExecArg('/a/$HOME/"x"/100%')).toBe('"/a/\\\\$HOME/\\\\"x\\\\"/100%%"')
    expect(quoteExecArg('/a\\b')).toBe('"/a\\\\\\\\b"')
  })

  it('writes an application entry that starts Hark', () => {
    const entry = autostartEntry('/opt/Hark/hark')
    expect(entry.split('\n')).toEqual(
      expect.arrayContaining([
        '[Desktop Entry]',
        'Type=Application',
        'Name=Hark',
        'Exec="/opt/Hark/hark"',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true'
      ])
    )
    expect(entry.startsWith('[Desktop Entry]\n')).toBe(true)
  })

  it('creates the folder, writes the file, and removes it again', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'hark-autostart-')), 'autostart', 'hark.desktop')
    await setXdgAutostart(path, '/opt/Hark/hark', true)
    expect(await readFile(path, 'utf8')).toBe(autostartEntry('/opt/Hark/hark'))
    await setXdgAutostart(path, '/opt/Hark/hark', false)
    await expect(stat(path)).rejects.toThrow(/ENOENT/)
    // Disabling twice is fine.
    await expect(setXdgAutostart(path, '/opt/Hark/hark', false)).resolves.toBeUndefined()
  })
})
