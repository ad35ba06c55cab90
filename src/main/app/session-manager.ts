// Owns the one live RealtimeController. Each start builds a fresh controller from the settings
// and key of that moment (so settings changes apply on the next start) and stops the previous
// one first. Renderer commands that need a session are forwarded, or dropped when there is none.
import type { RealtimeConfig } from '../realtime/config'
import { resolveRealtimeConfig } from '../realtime/config'
import type { RealtimeControllerApi, RealtimeCoreListener } from '../realtime/controller-api'
import { RealtimeCoreError } from '../realtime/controller-api'
import type { RealtimeLog } from '../realtime/event-bus'
import type { Settings } from '../../shared/settings'

export interface SessionManagerDeps {
  env: NodeJS.ProcessEnv
  readSettings: () => Promise<Settings>
  /** The key for the connect; read at connect time, never stored here. */
  readKey: () => Promise<string | null>
  createController: (config: RealtimeConfig) => RealtimeControllerApi
  /** Every event of whichever controller is current. */
  onEvent: RealtimeCoreListener
  log: RealtimeLog
}

export class SessionManager {
  readonly #deps: SessionManagerDeps
  #controller: RealtimeControllerApi | undefined
  #unsubscribe: (() => void) | undefined
  /** Bumped by every start and stop, so a start overtaken by a later command gives up. */
  #generation = 0
  /** Hot-path drops are logged once per session, not 50 times a second. */
  #droppedLogged = false

  constructor(deps: SessionManagerDeps) {
    this.#deps = deps
  }

  async start(): Promise<void> {
    const generation = ++this.#generation
    await this.#stopCurrent()
    const settings = await this.#deps.readSettings()
    if (generation !== this.#generation) return
    const config = resolveRealtimeConfig(settings, this.#deps.env, this.#deps.readKey)
    const controller = this.#deps.createController(config)
    this.#controller = controller
    this.#unsubscribe = controller.subscribe(this.#deps.onEvent)
    this.#droppedLogged = false
    await controller.start()
  }

  async stop(): Promise<void> {
    this.#generation++
    await this.#stopCurrent()
  }

  sendText(text: string): void {
    this.#require('send a message').sendText(text)
  }

  interrupt(): void {
    this.#require('interrupt').interrupt()
  }

  appendAudio(pcm: Uint8Array): void {
    const controller = this.#connected('audio.append')
    if (!controller) return
    try {
      controller.appendAudio(pcm)
    } catch (error) {
      this.#deps.log('warn', 'session: audio chunk refused', { error: describe(error) })
    }
  }

  reportPlayback(itemId: string, playedMs: number): void {
    this.#connected('playback.progress')?.reportPlayback(itemId, playedMs)
  }

  /** Push-to-talk pressed: stop the assistant if it is speaking (a no-op when it is not). */
  pttDown(): void {
    this.#guard('ptt.down', (controller) => controller.interrupt())
  }

  /** Push-to-talk released: commit the turn and ask for the answer at once. */
  pttUp(): void {
    this.#guard('ptt.up', (controller) => {
      if (!controller.commitUserTurn())
        this.#deps.log('info', 'session: push-to-talk turn too short to commit')
    })
  }

  async dispose(): Promise<void> {
    await this.stop()
  }

  async #stopCurrent(): Promise<void> {
    const controller = this.#controller
    const unsubscribe = this.#unsubscribe
    this.#controller = undefined
    this.#unsubscribe = undefined
    if (!controller) return
    try {
      await controller.stop()
    } finally {
      // After stop, so the renderer still sees the old session's final `disconnected` status.
      unsubscribe?.()
    }
  }

  #require(action: string): RealtimeControllerApi {
    const controller = this.#controller
    if (!controller || controller.status !== 'connected')
      throw new RealtimeCoreError('not_connected', `Hark cannot ${action}: no session is open.`)
    return controller
  }

  #connected(what: string): RealtimeControllerApi | undefined {
    const controller = this.#controller
    if (controller && controller.status === 'connected') return controller
    if (!this.#droppedLogged) {
      this.#droppedLogged = true
      this.#deps.log('debug', 'session: dropped a hot-path message while not connected', { what })
    }
    return undefined
  }

  #guard(what: string, action: (controller: RealtimeControllerApi) => void): void {
    const controller = this.#connected(what)
    if (!controller) return
    try {
      action(controller)
    } catch (error) {
      this.#deps.log('warn', `session: ${what} failed`, { error: describe(error) })
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof RealtimeCoreError) return `${error.code}: ${error.message}`
  return error instanceof Error ? error.name : 'unknown'
}
