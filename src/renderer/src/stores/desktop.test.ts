import { beforeEach, describe, expect, it } from 'vitest'
import type { AppCapabilities, HarkApi } from '../../../shared/ipc'
import { HarkError } from '../../../shared/ipc-errors'
import {
  connectMic,
  loadCapabilities,
  openLogsFolder,
  setMicMuted,
  useDesktop,
  useMic
} from './desktop'

const desktopCapabilities: AppCapabilities = {
  launchAtLogin: { available: true, reason: null },
  logsFolder: '/home/me/.config/Hark/logs'
}

function fakeHark(overrides: {
  status?: Promise<{ muted: boolean }>
  capabilities?: () => Promise<AppCapabilities>
  openLogsFolder?: () => Promise<{ opened: boolean; reason: string | null }>
}): { hark: HarkApi; fire: (payload: { muted: boolean }) => void; setCalls: boolean[] } {
  let listener: ((payload: { muted: boolean }) => void) | null = null
  const setCalls: boolean[] = []
  const hark = {
    mic: {
      status: () => overrides.status ?? Promise.resolve({ muted: false }),
      setMuted: ({ muted }: { muted: boolean }) => {
        setCalls.push(muted)
        return Promise.resolve({ muted })
      }
    },
    app: {
      capabilities: overrides.capabilities ?? (() => Promise.resolve(desktopCapabilities)),
      openLogsFolder:
        overrides.openLogsFolder ?? (() => Promise.resolve({ opened: true, reason: null }))
    },
    on: (_channel: string, next: (payload: { muted: boolean }) => void) => {
      listener = next
      return () => {
        listener = null
      }
    }
  } as unknown as HarkApi
  return { hark, fire: (payload) => listener?.(payload), setCalls }
}

beforeEach(() => {
  useMic.setState({ muted: false })
  useDesktop.setState({ capabilities: null, logsMessage: null })
})

describe('microphone mute in the window', () => {
  it('follows main: the first answer, then every change', async () => {
    const { hark, fire } = fakeHark({ status: Promise.resolve({ muted: true }) })
    const stop = connectMic(hark)
    await Promise.resolve()
    await Promise.resolve()
    expect(useMic.getState().muted).toBe(true)
    fire({ muted: false })
    expect(useMic.getState().muted).toBe(false)
    stop()
    fire({ muted: true })
    expect(useMic.getState().muted).toBe(false)
  })

  it('keeps a change that arrived before the first answer', async () => {
    let answer: (value: { muted: boolean }) => void = () => undefined
    const { hark, fire } = fakeHark({ status: new Promise((resolve) => (answer = resolve)) })
    connectMic(hark)
    fire({ muted: true })
    answer({ muted: false })
    await Promise.resolve()
    await Promise.resolve()
    expect(useMic.getState().muted).toBe(true)
  })

  it('unmutes through main', async () => {
    useMic.setState({ muted: true })
    const { hark, setCalls } = fakeHark({})
    await setMicMuted(hark, false)
    expect(setCalls).toEqual([false])
    expect(useMic.getState().muted).toBe(false)
  })
})

describe('desktop settings in the window', () => {
  it('loads what this host can do', async () => {
    await loadCapabilities(fakeHark({}).hark)
    expect(useDesktop.getState().capabilities).toEqual(desktopCapabilities)
  })

  it('treats a failed answer as unavailable, with the reason', async () => {
    const failing = fakeHark({
      capabilities: () => Promise.reject(new HarkError('network', 'Host gone.'))
    })
    await loadCapabilities(failing.hark)
    expect(useDesktop.getState().capabilities).toEqual({
      launchAtLogin: { available: false, reason: 'Host gone.' },
      logsFolder: null
    })
  })

  it('says why the logs folder did not open', async () => {
    await openLogsFolder(fakeHark({}).hark)
    expect(useDesktop.getState().logsMessage).toBeNull()
    await openLogsFolder(
      fakeHark({
        openLogsFolder: () => Promise.resolve({ opened: false, reason: 'No file manager.' })
      }).hark
    )
    expect(useDesktop.getState().logsMessage).toBe(
      'The logs folder could not be opened: No file manager.'
    )
  })
})
