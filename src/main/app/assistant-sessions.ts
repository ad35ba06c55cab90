// Several assistants connected at once (issue 14): one session per assistant, each with its own
// settings, key, conversation ledger, reconnects and cost (assistant-unit.ts builds one), made on
// first use and kept until the assistant is removed. The router talks to the facade below:
// Connect, Disconnect, typed messages and Stop act on the active assistant unless a message names
// another; the microphone goes to one assistant at a time, the one whose hotkey started the turn,
// else the active one, and a turn stays with the assistant it started with until it ends.
import { DEFAULT_ASSISTANT_ID, type AssistantsFile } from '../../shared/assistants'
import type { RealtimeLog } from '../realtime/event-bus'
import type { ToolPolicy } from '../tools/tool-types'
import type { AssistantsStore } from '../assistants/assistants-store'
import { HarkError } from './ipc-error'
import type { OnDemandSession, RouterSession } from './on-demand-session'
import type { SessionManager } from './session-manager'

/** One assistant's session: the manager that owns it and the on-demand layer in front of it. */
export interface AssistantUnit {
  readonly session: SessionManager
  readonly onDemand: OnDemandSession
}

export interface AssistantSessionsDeps {
  store: Pick<AssistantsStore, 'get' | 'onChange'>
  createUnit: (assistantId: string) => AssistantUnit
  log: RealtimeLog
}

/** The router's session, with typed messages that may name their assistant. */
export interface AssistantRouterSession extends RouterSession {
  sendText(text: string, assistantId?: string): Promise<void>
}

export class AssistantSessions {
  readonly #deps: AssistantSessionsDeps
  readonly #units = new Map<string, AssistantUnit>()
  #file: AssistantsFile | undefined
  /** The assistant the microphone turn in progress belongs to (set at ptt.down). */
  #talkTarget: string | undefined
  /** The assistant whose hotkey was pressed: the next ptt.down from the window is for it. */
  #hotkeyTarget: string | undefined
  /** Which assistant's session each played item came from (the page reports progress by item). */
  readonly #itemOwners = new Map<string, string>()
  readonly #unsubscribe: () => void

  constructor(deps: AssistantSessionsDeps) {
    this.#deps = deps
    this.#unsubscribe = deps.store.onChange(({ file }) => {
      void this.#setFile(file)
    })
    void deps.store.get().then(
      ({ file }) => (this.#file ??= file),
      () => undefined
    )
  }

  /** The active assistant's id as last known (the store is read at start and on every change). */
  get activeId(): string {
    return this.#file?.activeId ?? DEFAULT_ASSISTANT_ID
  }

  /** An assistant's own tool policies (issue 14), as last saved; none for an unknown one. */
  toolPoliciesOf(assistantId: string): Readonly<Record<string, ToolPolicy>> {
    return this.#file?.assistants.find((a) => a.id === assistantId)?.toolPolicies ?? {}
  }

  /** The active assistant's session (made on first use). */
  get active(): AssistantUnit {
    return this.unit(this.activeId)
  }

  unit(assistantId: string): AssistantUnit {
    let unit = this.#units.get(assistantId)
    if (!unit) {
      unit = this.#deps.createUnit(assistantId)
      this.#units.set(assistantId, unit)
    }
    return unit
  }

  /** The sessions made so far, by assistant id. */
  units(): ReadonlyMap<string, AssistantUnit> {
    return this.#units
  }

  /** Whether another assistant's session than `assistantId`'s is connected (or reconnecting). */
  liveExcept(assistantId: string): boolean {
    for (const [id, unit] of this.#units)
      if (id !== assistantId && unit.session.liveness !== 'down') return true
    return false
  }

  /**
   * A talk hotkey was pressed: the window's next push-to-talk turn goes to that assistant (an
   * assistant's own hotkey) or to the active one (Settings → Talk hotkey, `undefined`).
   */
  hotkeyPressed(assistantId: string | undefined): void {
    this.#hotkeyTarget = assistantId
  }

  /** The unit the microphone turn in progress talks to: the held hotkey's, else the active one. */
  get talkUnit(): AssistantUnit {
    return this.unit(this.#talkTarget ?? this.#hotkeyTarget ?? this.activeId)
  }

  /** Which assistant a played item came from; recorded as its audio passes to the page. */
  noteItem(itemId: string, assistantId: string): void {
    if (this.#itemOwners.get(itemId) === assistantId) return
    this.#itemOwners.set(itemId, assistantId)
    // Bounded: only items still playing matter, and a session plays a handful at a time.
    if (this.#itemOwners.size > 500) {
      const oldest = this.#itemOwners.keys().next().value
      if (oldest !== undefined) this.#itemOwners.delete(oldest)
    }
  }

  readonly router: AssistantRouterSession = {
    start: async () => (await this.#current()).onDemand.session.start(),
    stop: async () => (await this.#current()).onDemand.session.stop(),
    newConversation: async () => (await this.#current()).onDemand.session.newConversation(),
    sendText: async (text, assistantId) => {
      const unit =
        assistantId === undefined ? await this.#current() : await this.#named(assistantId)
      await unit.onDemand.session.sendText(text)
    },
    interrupt: () => this.active.onDemand.session.interrupt(),
    appendAudio: (pcm) => this.talkUnit.onDemand.session.appendAudio(pcm),
    reportPlayback: (itemId, playedMs, final) => {
      const owner = this.#itemOwners.get(itemId)
      const unit = owner !== undefined ? this.#units.get(owner) : undefined
      ;(unit ?? this.active).onDemand.session.reportPlayback(itemId, playedMs, final)
      if (final) this.#itemOwners.delete(itemId)
    },
    pttDown: () => {
      this.#talkTarget = this.#hotkeyTarget ?? this.activeId
      this.#hotkeyTarget = undefined
      this.talkUnit.onDemand.session.pttDown()
    },
    pttUp: () => {
      const unit = this.talkUnit
      this.#talkTarget = undefined
      unit.onDemand.session.pttUp()
    },
    pttCancel: () => {
      const unit = this.talkUnit
      this.#talkTarget = undefined
      this.#hotkeyTarget = undefined
      unit.onDemand.session.pttCancel()
    }
  }

  /** A key-up main saw itself: the turn's own assistant commits. */
  releaseFromMain(): void {
    this.talkUnit.onDemand.releaseFromMain()
  }

  cancelTurn(): void {
    this.talkUnit.onDemand.cancelTurn()
  }

  async dispose(): Promise<void> {
    this.#unsubscribe()
    await Promise.all([...this.#units.values()].map((unit) => unit.session.dispose()))
  }

  async #current(): Promise<AssistantUnit> {
    await this.#ensureFile()
    return this.active
  }

  async #named(assistantId: string): Promise<AssistantUnit> {
    const file = await this.#ensureFile()
    if (!file.assistants.some((assistant) => assistant.id === assistantId))
      throw new HarkError('invalid_input', `There is no assistant with the id “${assistantId}”.`)
    return this.unit(assistantId)
  }

  async #ensureFile(): Promise<AssistantsFile> {
    this.#file ??= (await this.#deps.store.get()).file
    return this.#file
  }

  /** A saved set: a removed assistant's session closes (its conversation stays in the history). */
  async #setFile(file: AssistantsFile): Promise<void> {
    this.#file = file
    const kept = new Set(file.assistants.map((assistant) => assistant.id))
    for (const [assistantId, unit] of [...this.#units]) {
      if (kept.has(assistantId)) continue
      this.#units.delete(assistantId)
      if (this.#talkTarget === assistantId) this.#talkTarget = undefined
      if (this.#hotkeyTarget === assistantId) this.#hotkeyTarget = undefined
      this.#deps.log('info', 'assistants: closing the session of a removed assistant')
      await unit.session.stop().catch((error: unknown) =>
        this.#deps.log('warn', 'assistants: closing a removed session failed', {
          error: error instanceof Error ? error.name : 'unknown'
        })
      )
    }
  }
}
