// One native keyboard hook shared by several hotkey services (issue 14: each assistant's own
// hotkey has its own hold-to-talk machine). The hook delivers every key to every service, each
// machine acts only on its own accelerator; the hook starts with the first service and stops with
// the last, so stopping one service (a changed hotkey) never silences the others.
import type { RawKeyEvent } from './hold-to-talk'
import type { KeyHookBackend } from './hotkey-service'

export interface SharedKeyHook {
  /** A backend for one service: the shared hook, or null when there is none here. */
  view(): Promise<KeyHookBackend | null>
}

export function shareKeyHook(load: () => Promise<KeyHookBackend | null>): SharedKeyHook {
  let loading: Promise<KeyHookBackend | null> | undefined
  const listeners = new Set<(event: RawKeyEvent) => void>()
  let started = false

  const dispatch = (event: RawKeyEvent): void => {
    for (const listener of [...listeners]) listener(event)
  }

  return {
    async view() {
      loading ??= load().catch(() => null)
      const hook = await loading
      if (hook === null) return null
      let mine: ((event: RawKeyEvent) => void) | undefined
      return {
        kind: hook.kind,
        async start(onKey) {
          mine = onKey
          listeners.add(onKey)
          if (started) return
          try {
            await hook.start(dispatch)
            started = true
          } catch (error) {
            listeners.delete(onKey)
            throw error
          }
        },
        stop() {
          if (mine) listeners.delete(mine)
          mine = undefined
          if (!started || listeners.size > 0) return
          started = false
          hook.stop()
        }
      }
    }
  }
}
