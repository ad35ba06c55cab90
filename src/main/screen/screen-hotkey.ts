// The optional global hotkey for Look at my screen (issue 12 §3): a press does what the tray's
// item does (the window captures; the look waits for the next message). Electron-free: the
// desktop entry supplies the port (adapters/screen-hotkey.ts, globalShortcut); other hosts have
// none and the setting is only stored. A hotkey that is also a talk hotkey (Settings or an
// assistant's, assistants.json) is refused: one press cannot both talk and look.
import { DEFAULT_ASSISTANT_ID, type AssistantsFile } from '../../shared/assistants'
import { HarkError } from '../../shared/ipc-errors'
import type { Settings, SettingsPatch } from '../../shared/settings'
import type { AssistantsStore } from '../assistants/assistants-store'
import { acceleratorProblem, parseAccelerator, toElectronAccelerator } from '../hotkey/accelerator'
import type { RealtimeLog } from '../realtime/event-bus'
import type { SettingsStore } from '../storage/settings-store'

export interface ScreenHotkeyPort {
  /**
   * Registers `accelerator` (replacing the one before; null: none) to call `onPress`. Returns
   * null, or the sentence saying why it could not (another application holds it).
   */
  register(accelerator: string | null, onPress: () => void): string | null
  /** Unregisters it (quit). */
  stop(): void
}

export interface ScreenHotkeySetting {
  /** Refuses (HarkError) a patch whose screen hotkey is invalid or a talk hotkey, or vice versa. */
  check(patch: SettingsPatch, before: Settings): Promise<void>
  /**
   * After a save that names the screen hotkey: registers it unless it is what is registered now
   * (so Set retries one the system refused at start); one that cannot be registered is put back
   * and the reason thrown (HarkError).
   */
  saved(patch: SettingsPatch, before: Settings, after: Settings): Promise<void>
  /** At start: registers the stored hotkey; a failure is logged and kept for problem(). */
  start(settings: Settings): void
  /** Why the stored hotkey does not work now (the system refused it at start), or null. */
  problem(): string | null
}

const canonical = (accelerator: string, platform: string): string =>
  toElectronAccelerator(parseAccelerator(accelerator, platform))

/** Null when `screenHotkey` may be used, else the sentence saying why not (naming the owner). */
export function screenHotkeyProblem(
  screenHotkey: string,
  talk: { hotkey: string; assistants: readonly { name: string; hotkey: string | null }[] },
  platform: string
): string | null {
  const problem = acceleratorProblem(screenHotkey, platform)
  if (problem !== null) return problem
  const mine = canonical(screenHotkey, platform)
  const same = (other: string | null): boolean =>
    other !== null &&
    acceleratorProblem(other, platform) === null &&
    canonical(other, platform) === mine
  if (same(talk.hotkey))
    return `Look at my screen cannot use ${screenHotkey}: it is the talk hotkey.`
  const owner = talk.assistants.find((assistant) => same(assistant.hotkey))
  if (owner)
    return `Look at my screen cannot use ${screenHotkey}: it is ${owner.name}’s talk hotkey.`
  return null
}

/**
 * The other side of screenHotkeyProblem, for Settings → Assistants: an assistant whose talk
 * hotkey is new or changed (so an old clash never blocks a switch) may not take the screen's.
 */
export function assistantTakesScreenHotkey(
  next: AssistantsFile,
  previous: AssistantsFile | null,
  screenHotkey: string | null,
  platform: string
): string | null {
  if (screenHotkey === null || acceleratorProblem(screenHotkey, platform) !== null) return null
  const screen = canonical(screenHotkey, platform)
  for (const assistant of next.assistants) {
    const hotkey = assistant.hotkey
    if (assistant.id === DEFAULT_ASSISTANT_ID || hotkey === null) continue
    const before = previous?.assistants.find(({ id }) => id === assistant.id)?.hotkey
    if (hotkey === before || canonical(hotkey, platform) !== screen) continue
    return `${assistant.name} cannot use the hotkey ${hotkey}: Look at my screen uses it.`
  }
  return null
}

export function createScreenHotkeySetting(deps: {
  port: ScreenHotkeyPort | undefined
  onPress: () => void
  settings: Pick<SettingsStore, 'update'>
  assistants: Pick<AssistantsStore, 'get'>
  platform: string
  log: RealtimeLog
}): ScreenHotkeySetting {
  const { port, platform, log } = deps
  /** What the port holds now: null when none, or when the system refused the stored one. */
  let active: string | null = null
  /** The start's refusal, until a save registers a hotkey (or none). */
  let refusedAtStart: string | null = null
  const register = (accelerator: string | null): string | null => {
    const failure = port ? port.register(accelerator, deps.onPress) : null
    active = failure === null ? accelerator : null
    if (failure === null) refusedAtStart = null
    return failure
  }

  return {
    async check(patch, before) {
      if (patch.screenHotkey === undefined && patch.hotkey === undefined) return
      const screenHotkey =
        patch.screenHotkey === undefined ? before.screenHotkey : patch.screenHotkey
      if (screenHotkey === null) return
      const { file } = await deps.assistants.get()
      const talkHotkey = patch.hotkey ?? before.hotkey
      // The default assistant talks with Settings' talk hotkey (shared/assistants.ts).
      const assistants = file.assistants.filter(({ id }) => id !== DEFAULT_ASSISTANT_ID)
      const problem = screenHotkeyProblem(
        screenHotkey,
        { hotkey: talkHotkey, assistants },
        platform
      )
      if (problem === null) return
      // A new talk hotkey that is the screen hotkey: said from the talk hotkey's side.
      const message =
        patch.screenHotkey === undefined
          ? `The talk hotkey cannot be ${talkHotkey}: Look at my screen uses it.`
          : problem
      throw new HarkError('invalid_input', message)
    },
    async saved(patch, before, after) {
      if (patch.screenHotkey === undefined || after.screenHotkey === active) return
      const failure = register(after.screenHotkey)
      if (failure === null) return
      log('warn', 'screen hotkey: could not be registered', { hotkey: after.screenHotkey })
      // The setting must say what the system does: the previous hotkey comes back.
      if (before.screenHotkey !== after.screenHotkey) {
        await deps.settings.update({ screenHotkey: before.screenHotkey })
        register(before.screenHotkey)
      }
      throw new HarkError('invalid_input', failure)
    },
    start(settings) {
      if (settings.screenHotkey === null) return
      const failure = register(settings.screenHotkey)
      if (failure === null) return
      log('warn', 'screen hotkey: could not be registered at start', { reason: failure })
      refusedAtStart = `${settings.screenHotkey} does not work now: ${failure}`
    },
    problem: () => refusedAtStart
  }
}
