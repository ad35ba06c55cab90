// What the capture engine should open, from the user's settings. Automatic gain control defaults
// by platform: on Windows Chrome's AGC turns the system microphone volume itself (and leaves it
// there), so it is off by default; elsewhere it only scales our stream, so it is on.
import type { Settings } from '../../../shared/settings'
import type { CapturePreferences } from './capture-engine'

interface NavigatorWithUaData {
  userAgentData?: { platform?: string }
  platform?: string
}

export function isWindowsPlatform(nav: NavigatorWithUaData = navigator): boolean {
  const platform = nav.userAgentData?.platform ?? nav.platform ?? ''
  return /^win/i.test(platform)
}

export function platformAutoGainControl(nav?: NavigatorWithUaData): boolean {
  return !isWindowsPlatform(nav)
}

export function capturePreferences(settings: Settings | null): CapturePreferences {
  return {
    deviceLabel: settings?.inputDeviceLabel ?? '',
    autoGainControl: settings?.autoGainControl ?? platformAutoGainControl()
  }
}

/** Hands-free modes stream the microphone for the whole session; the server finds the turns. */
export const isHandsFree = (settings: Settings | null): boolean =>
  (settings?.turnDetection ?? 'none') !== 'none'
