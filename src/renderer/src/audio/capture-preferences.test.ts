import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../shared/settings'
import { isHandsFree, platformAutoGainControl } from './capture-preferences'

describe('capture preferences', () => {
  it('turns automatic gain control off by default on Windows only', () => {
    expect(platformAutoGainControl({ userAgentData: { platform: 'Windows' } })).toBe(false)
    expect(platformAutoGainControl({ platform: 'Win32' })).toBe(false)
    expect(platformAutoGainControl({ userAgentData: { platform: 'macOS' } })).toBe(true)
    expect(platformAutoGainControl({ platform: 'Linux x86_64' })).toBe(true)
  })

  it('treats both VAD modes as hands-free', () => {
    expect(isHandsFree(defaultSettings())).toBe(false)
    expect(isHandsFree({ ...defaultSettings(), turnDetection: 'server_vad' })).toBe(true)
    expect(isHandsFree({ ...defaultSettings(), turnDetection: 'semantic_vad' })).toBe(true)
  })
})
