// Stands in for main's core (src/main/app/hark-main) in the Electron entry tests: records what
// the entry hands it and what IPC, the tray and the quit path ask of it, and lets a test report
// core activity to whoever observes it (the tray). Use with
// vi.mock('../../src/main/app/hark-main', async () => (await import('../doubles/recording-core')).recordingCoreModule)
import type { CoreActivity } from '../../src/main/app/hark-main'

export const routed = {
  invokes: [] as unknown[][],
  sends: [] as unknown[][],
  /** The dependencies the entry gave createHarkMain (log, hotkey, desktop services …). */
  deps: [] as Record<string, unknown>[],
  /** What the tray asked of the core's talk controls. */
  talk: [] as string[],
  muted: false,
  observers: [] as ((activity: CoreActivity) => void)[],
  /** Who subscribed to the core's events (the IPC adapter), to emit events to the pages. */
  emitters: [] as ((channel: string, payload: unknown) => void)[],
  disposed: 0
}

export const recordingCoreModule = {
  createHarkMain: (deps: Record<string, unknown>) => {
    routed.deps.push(deps)
    return {
      handleInvoke: (channel: string, payload: unknown) => {
        routed.invokes.push([channel, payload])
        return Promise.resolve('routed')
      },
      answerInvoke: (channel: string, payload: unknown) => {
        routed.invokes.push([channel, payload])
        return Promise.resolve({ ok: true, value: 'routed' })
      },
      handleSend: (channel: string, payload: unknown) => {
        routed.sends.push([channel, payload])
      },
      subscribe: (emit: (channel: string, payload: unknown) => void) => {
        routed.emitters.push(emit)
        return () => undefined
      },
      dispose: () => {
        routed.disposed++
        return Promise.resolve()
      },
      talk: {
        isMuted: () => routed.muted,
        setMuted: (muted: boolean) => {
          routed.talk.push(muted ? 'mute' : 'unmute')
          routed.muted = muted
        },
        toggleTalk: () => routed.talk.push('toggle')
      },
      observe: (listener: (activity: CoreActivity) => void) => {
        routed.observers.push(listener)
        return () => undefined
      }
    }
  }
}

/** The core reports activity to whoever observes it (the tray). */
export function coreActivity(activity: CoreActivity): void {
  for (const observer of routed.observers) observer(activity)
}
