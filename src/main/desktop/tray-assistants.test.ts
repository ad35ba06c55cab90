import { describe, expect, it } from 'vitest'
import { assistantsFromSettings, type AssistantsFile } from '../../shared/assistants'
import { settingsSchema } from '../../shared/settings'
import { trayAssistantChoices } from './tray-assistants'
import { trayMenu } from './tray-menu'

const one = assistantsFromSettings(settingsSchema.parse({}))
const [hark] = one.assistants
if (!hark) throw new Error('no first assistant')
const three: AssistantsFile = {
  ...one,
  activeId: 'translator',
  assistants: [
    hark,
    { ...hark, id: 'translator', name: 'Translator', hotkey: 'Alt+F9' },
    { ...hark, id: 'coder', name: 'Coder', hotkey: null }
  ]
}

describe('tray menu: assistants', () => {
  it('has no Assistant submenu while there is one assistant', () => {
    expect(trayAssistantChoices(one)).toEqual([])
    const menu = trayMenu({ inTurn: false, muted: false, assistants: trayAssistantChoices(one) })
    expect(menu.map((item) => item.label)).not.toContain('Assistant')
  })

  it('lists every assistant in order, the active one checked, after Open Hark', () => {
    const menu = trayMenu({ inTurn: false, muted: false, assistants: trayAssistantChoices(three) })
    expect(menu.map((item) => item.label)).toEqual([
      'Talk',
      'Look at my screen',
      'Open Hark',
      'Assistant',
      'Mute microphone',
      'Quit Hark'
    ])
    expect(menu[3]?.choices).toEqual([
      { id: 'default', label: 'Hark', checked: false },
      { id: 'translator', label: 'Translator', checked: true },
      { id: 'coder', label: 'Coder', checked: false }
    ])
  })

  it('moves the check when the active assistant changes', () => {
    const choices = trayAssistantChoices({ ...three, activeId: 'coder' })
    expect(choices.filter((choice) => choice.checked).map((choice) => choice.label)).toEqual([
      'Coder'
    ])
  })
})
