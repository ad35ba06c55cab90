// The speaker echo check as the rest of the renderer uses it (issue 13 §3):
//   hasEchoCheck()            – has a check been done (its result is stored in the settings)?
//   runEchoCheck()            – run one now (Settings → Check for echo), store and return it.
//   ensureEchoChecked()       – run one if none was done yet; never throws (before the first
//                               hands-free session, and before the first GPT-Live session on
//                               speakers).
import { create } from 'zustand'
import type { EchoCheckResult } from '../../../shared/echo-check'
import { measureEcho } from '../audio/echo/echo-check'
import { deviceIdFor } from '../audio/capture-engine'
import { capturePreferences } from '../audio/capture-preferences'
import { getEngine } from '../ipc/bridge'
import { messageOf } from './errors'
import { saveSettings, useSettings } from './settings'

interface EchoCheckState {
  running: boolean
  /** Why the last check failed, in words; null after a successful one. */
  error: string | null
}

export const useEchoCheck = create<EchoCheckState>()(() => ({ running: false, error: null }))

export function hasEchoCheck(): boolean {
  return (useSettings.getState().settings?.echoCheck ?? null) !== null
}

let running: Promise<EchoCheckResult> | null = null

async function check(): Promise<EchoCheckResult> {
  const engine = getEngine()
  if (!engine) throw new Error('Hark cannot check for echo: audio is not ready.')
  const preferences = capturePreferences(useSettings.getState().settings)
  const result = await measureEcho({
    engine,
    deviceId: await deviceIdFor(preferences.deviceLabel),
    autoGainControl: preferences.autoGainControl
  })
  await saveSettings({ echoCheck: result })
  return result
}

/** Runs the check (one at a time); the result is stored and returned. */
export function runEchoCheck(): Promise<EchoCheckResult> {
  running ??= (async () => {
    useEchoCheck.setState({ running: true, error: null })
    try {
      return await check()
    } catch (error) {
      useEchoCheck.setState({ error: messageOf(error) })
      throw error
    } finally {
      useEchoCheck.setState({ running: false })
      running = null
    }
  })()
  return running
}

/** Runs the check once if none was ever done; a failure is shown in Settings, never thrown. */
export async function ensureEchoChecked(): Promise<void> {
  if (hasEchoCheck()) return
  await runEchoCheck().catch(() => undefined)
}
