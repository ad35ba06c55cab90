// Stands in for main's core (src/main/app/hark-main) in the Electron entry tests: records what
// the entry hands it and what IPC, the tray and the quit path ask of it, and lets a test report
// core activity to whoever observes it (the tray). Use with
// vi.mock('../../src/main/app/hark-main', async () => (await import('../doubles/recording-core')).recordingCoreModule)
import type { CoreActivity } from '../../src/main/app/hark-main'
import type { AssistantsReply } from '../../src/main/assistants/assistants-store'
import { assistantsFromSettings } from '../../src/shared/assistants'
import { settingsSchema } from '../../src/shared/settings'

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
  disposed: 0,
  /** The assistants the core holds; a test changes them with `assistantsChanged`. */
  assistants: {
    file: assistantsFromSettings(settingsSchema.parse({})),
    notice: null
  } as AssistantsReply,
  /** The ids the tray switched to. */
  switchedTo: [] as string[],
  assistantListeners: [] as ((reply: AssistantsReply) => void)[]
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
      assistants: {
        get: () => Promise.resolve(routed.assistants),
        switchTo: (id: string) => {
          routed.switchedTo.push(id)
          assistantsChanged({ ...routed.assistants.file, activeId: id })
          return Promise.resolve(routed.assistants)
        },
        onChange: (listener: (reply: AssistantsReply) => void) => {
          routed.assistantListeners.push(listener)
          return () => undefined
        }
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

/** The core's assistants changed (saved in Settings, switched): its listeners hear of it. */
export function assistantsChanged(file: AssistantsReply['file']): void {
  routed.assistants = { file, notice: null }
  for (const listener of routed.assistantListeners) listener(routed.assistants)
}
