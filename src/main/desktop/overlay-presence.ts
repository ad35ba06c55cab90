// When the floating overlay is on screen (issue 13 §2). Pure: the overlay adapter feeds it the
// core's activity, the main window's focus and the setting, with the time, and shows or hides
// the window as told; every rule is unit-tested without Electron.
//
// Rule: shown while the user talks through the GLOBAL hotkey (and while that turn's answer is on
// its way), while Hark speaks, or while a tool approval waits, AND the main window is not
// focused AND the overlay setting is on. When that stops being true, the page fades out and the
// window hides OVERLAY_LINGER_MS later, so the end of a caption can still be read.
import type { CoreActivity } from '../app/hark-main'
import { initialTrayModel, reduceTray, speakingDeadline, type TrayModel } from './tray-state'

export const OVERLAY_LINGER_MS = 3000

export interface OverlayFacts {
  enabled: boolean
  mainWindowFocused: boolean
  /** The global hotkey holds a turn open (hotkey.talkStart … talkEnd/talkCancel). */
  hotkeyTalking: boolean
  /** A hotkey turn ended and its answer has not started or finished yet. */
  awaitingAnswer: boolean
  speaking: boolean
  approvalWaiting: boolean
}

/** The rule itself. */
export function overlayWanted(facts: OverlayFacts): boolean {
  if (!facts.enabled || facts.mainWindowFocused) return false
  return facts.hotkeyTalking || facts.awaitingAnswer || facts.speaking || facts.approvalWaiting
}

export interface OverlayModel {
  readonly hotkeyTalking: boolean
  readonly awaitingAnswer: boolean
  readonly approvals: readonly string[]
  /** Speaking as the tray sees it: until the renderer has played what arrived (tray-state.ts). */
  readonly playback: TrayModel
}

export const initialOverlayModel: OverlayModel = {
  hotkeyTalking: false,
  awaitingAnswer: false,
  approvals: [],
  playback: initialTrayModel
}

export function reduceOverlay(
  model: OverlayModel,
  activity: CoreActivity,
  now: number
): OverlayModel {
  const next: OverlayModel = { ...model, playback: reduceTray(model.playback, activity, now) }
  switch (activity.channel) {
    case 'hotkey.talkStart':
      return { ...next, hotkeyTalking: true, awaitingAnswer: false }
    case 'hotkey.talkEnd':
      return { ...next, hotkeyTalking: false, awaitingAnswer: model.hotkeyTalking }
    case 'hotkey.talkCancel':
      return { ...next, hotkeyTalking: false, awaitingAnswer: false }
    case 'audio.delta':
    case 'response.done':
    case 'error':
      // Speaking (or the end of the response) takes over from waiting.
      return { ...next, awaitingAnswer: false }
    case 'session.status':
      return activity.payload.status === 'disconnected'
        ? { ...next, hotkeyTalking: false, awaitingAnswer: false }
        : next
    case 'tools.approvalRequested':
      return { ...next, approvals: [...model.approvals, activity.payload.id] }
    case 'tools.approvalEnded':
      return { ...next, approvals: model.approvals.filter((id) => id !== activity.payload.id) }
    default:
      return next
  }
}

export function overlayFacts(
  model: OverlayModel,
  now: number,
  window: { enabled: boolean; mainWindowFocused: boolean }
): OverlayFacts {
  const deadline = speakingDeadline(model.playback)
  return {
    ...window,
    hotkeyTalking: model.hotkeyTalking,
    awaitingAnswer: model.awaitingAnswer,
    speaking: deadline !== null && now < deadline,
    approvalWaiting: model.approvals.length > 0
  }
}

/** When the answer being played must be re-checked (its no-report deadline); null if none. */
export const overlayRecheckAt = (model: OverlayModel): number | null =>
  speakingDeadline(model.playback)

export interface PresenceTimers {
  set(callback: () => void, ms: number): unknown
  clear(handle: unknown): void
}

/**
 * The rule over time: shows the window at once when wanted; hides it OVERLAY_LINGER_MS after it
 * stops being wanted, or at once when the user focuses the main window or turns the overlay off.
 */
export class OverlayPresence {
  readonly #deps: { now(): number; timers: PresenceTimers; show(): void; hide(): void }
  #model = initialOverlayModel
  #window = { enabled: true, mainWindowFocused: false }
  #shown = false
  #hideTimer: unknown = null
  #recheckTimer: unknown = null

  constructor(deps: { now(): number; timers: PresenceTimers; show(): void; hide(): void }) {
    this.#deps = deps
  }

  get shown(): boolean {
    return this.#shown
  }

  onActivity(activity: CoreActivity): void {
    this.#model = reduceOverlay(this.#model, activity, this.#deps.now())
    this.#update()
  }

  setEnabled(enabled: boolean): void {
    this.#window = { ...this.#window, enabled }
    this.#update()
  }

  setMainWindowFocused(mainWindowFocused: boolean): void {
    this.#window = { ...this.#window, mainWindowFocused }
    this.#update()
  }

  dispose(): void {
    this.#clear('hide')
    this.#clear('recheck')
  }

  #clear(which: 'hide' | 'recheck'): void {
    const handle = which === 'hide' ? this.#hideTimer : this.#recheckTimer
    if (handle !== null) this.#deps.timers.clear(handle)
    if (which === 'hide') this.#hideTimer = null
    else this.#recheckTimer = null
  }

  #update(): void {
    const now = this.#deps.now()
    const wanted = overlayWanted(overlayFacts(this.#model, now, this.#window))
    this.#clear('recheck')
    const recheckAt = overlayRecheckAt(this.#model)
    if (recheckAt !== null && recheckAt > now)
      this.#recheckTimer = this.#deps.timers.set(() => {
        this.#recheckTimer = null
        this.#update()
      }, recheckAt - now)
    if (wanted) {
      this.#clear('hide')
      if (!this.#shown) {
        this.#shown = true
        this.#deps.show()
      }
      return
    }
    if (!this.#shown) return
    const { enabled, mainWindowFocused } = this.#window
    if (!enabled || mainWindowFocused) {
      this.#hideNow()
      return
    }
    this.#hideTimer ??= this.#deps.timers.set(() => {
      this.#hideTimer = null
      this.#hideNow()
    }, OVERLAY_LINGER_MS)
  }

  #hideNow(): void {
    this.#clear('hide')
    this.#shown = false
    this.#deps.hide()
  }
}
