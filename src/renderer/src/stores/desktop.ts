// The desktop app's extras as the window sees them: whether the microphone is muted (main
// enforces it; the tray and the window can both switch it), what this host can do for launch at
// login, and opening the logs folder. The browser host answers these too, saying what it cannot do.
import { create } from 'zustand'
import type { AppCapabilities, HarkApi } from '../../../shared/ipc'
import { messageOf } from './errors'

export const useMic = create<{ muted: boolean }>()(() => ({ muted: false }))

export function connectMic(hark: HarkApi): () => void {
  let heard = false
  const unsubscribe = hark.on('mic.muteChanged', ({ muted }) => {
    heard = true
    useMic.setState({ muted })
  })
  hark.mic.status().then(
    // A change that arrived meanwhile is newer than this answer.
    ({ muted }) => {
      if (!heard) useMic.setState({ muted })
    },
    () => undefined
  )
  return unsubscribe
}

export async function setMicMuted(hark: HarkApi, muted: boolean): Promise<void> {
  useMic.setState(await hark.mic.setMuted({ muted }))
}

interface DesktopState {
  capabilities: AppCapabilities | null
  /** The outcome of the last "Open logs folder", in words; null before any. */
  logsMessage: string | null
}

export const useDesktop = create<DesktopState>()(() => ({ capabilities: null, logsMessage: null }))

export async function loadCapabilities(hark: HarkApi): Promise<void> {
  try {
    useDesktop.setState({ capabilities: await hark.app.capabilities() })
  } catch (error) {
    useDesktop.setState({
      capabilities: {
        launchAtLogin: { available: false, reason: messageOf(error) },
        logsFolder: null
      }
    })
  }
}

export async function openLogsFolder(hark: HarkApi): Promise<void> {
  try {
    const reply = await hark.app.openLogsFolder()
    useDesktop.setState({
      logsMessage: reply.opened
        ? null
        : `The logs folder could not be opened: ${reply.reason ?? ''}`
    })
  } catch (error) {
    useDesktop.setState({ logsMessage: `The logs folder could not be opened: ${messageOf(error)}` })
  }
}
