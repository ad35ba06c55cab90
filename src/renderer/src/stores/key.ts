import { create } from 'zustand'
import type { KeyStatus } from '../../../shared/ipc'
import { messageOf } from './errors'
import { hark } from '../ipc/hark'

interface KeyState {
  status: KeyStatus | null
  busy: boolean
  error: string | null
}

export const useKey = create<KeyState>()(() => ({ status: null, busy: false, error: null }))

async function run(action: () => Promise<KeyStatus>): Promise<boolean> {
  useKey.setState({ busy: true, error: null })
  try {
    useKey.setState({ status: await action(), busy: false })
    return true
  } catch (error) {
    useKey.setState({ busy: false, error: messageOf(error) })
    return false
  }
}

export const loadKeyStatus = (): Promise<boolean> => run(() => hark().key.status())
export const saveKey = (key: string, persist: boolean): Promise<boolean> =>
  run(() => hark().key.set({ key, persist }))
export const clearKey = (): Promise<boolean> => run(() => hark().key.clear())

/** Onboarding is shown until a key is available (the environment's key counts). */
export const needsOnboarding = (status: KeyStatus): boolean =>
  !status.configured && status.source !== 'environment'
