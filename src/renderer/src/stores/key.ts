import { create } from 'zustand'
import type { KeyStatus } from '../../../shared/ipc'
import type { ErrorCode } from '../../../shared/realtime-events'
import { codeOf, messageOf } from './errors'
import { hark } from '../ipc/hark'

interface KeyState {
  status: KeyStatus | null
  busy: boolean
  error: string | null
  /** 'storage': the key could not be saved, so the window offers "this run only". */
  errorCode: ErrorCode | null
}

export const useKey = create<KeyState>()(() => ({
  status: null,
  busy: false,
  error: null,
  errorCode: null
}))

async function run(action: () => Promise<KeyStatus>): Promise<boolean> {
  useKey.setState({ busy: true, error: null, errorCode: null })
  try {
    useKey.setState({ status: await action(), busy: false })
    return true
  } catch (error) {
    useKey.setState({ busy: false, error: messageOf(error), errorCode: codeOf(error) })
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
