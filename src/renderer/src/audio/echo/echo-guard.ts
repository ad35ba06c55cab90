// The echo gate (echo-gate.ts) kept in step with the settings: the stored echo check and the
// turn-detection mode. The bridge asks it about every microphone chunk.
import type { Settings } from '../../../../shared/settings'
import { useSettings } from '../../stores/settings'
import { isHandsFree } from '../capture-preferences'
import { EchoGate, type EchoGateSettings } from './echo-gate'

export function echoGateSettings(settings: Settings | null): EchoGateSettings {
  const check = settings?.echoCheck ?? null
  return {
    echoDetected: check !== null && check.verdict !== 'fine',
    echoLevelDb: check?.levelDb ?? 0,
    echoDelayMs: check?.delayMs ?? 0,
    handsFree: isHandsFree(settings)
  }
}

/** A gate that follows the settings store; `dispose` stops following. */
export function createEchoGuard(): { gate: EchoGate; dispose: () => void } {
  const gate = new EchoGate(() => performance.now())
  gate.configure(echoGateSettings(useSettings.getState().settings))
  const dispose = useSettings.subscribe((state) => gate.configure(echoGateSettings(state.settings)))
  return { gate, dispose }
}
