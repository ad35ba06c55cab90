import { create } from 'zustand'
import type { Settings, SettingsPatch } from '../../../shared/settings'
import type { SettingsReply } from '../../../shared/ipc'
import { messageOf } from './errors'
import { hark } from '../ipc/hark'

interface SettingsState {
  settings: Settings | null
  notice: string | null
  saving: boolean
  error: string | null
}

interface SettingsActions {
  loaded(reply: SettingsReply): void
  saveStarted(): void
  saveFailed(message: string): void
}

export const useSettings = create<SettingsState & SettingsActions>()((set) => ({
  settings: null,
  notice: null,
  saving: false,
  error: null,
  loaded: ({ settings, notice }) => set({ settings, notice, saving: false, error: null }),
  saveStarted: () => set({ saving: true, error: null }),
  saveFailed: (message) => set({ saving: false, error: message })
}))

export async function loadSettings(): Promise<void> {
  try {
    useSettings.getState().loaded(await hark().settings.get())
  } catch (error) {
    useSettings.getState().saveFailed(messageOf(error))
  }
}

export async function saveSettings(patch: SettingsPatch): Promise<boolean> {
  const store = useSettings.getState()
  store.saveStarted()
  try {
    store.loaded(await hark().settings.set(patch))
    return true
  } catch (error) {
    store.saveFailed(messageOf(error))
    return false
  }
}
