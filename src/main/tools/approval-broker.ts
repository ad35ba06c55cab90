// Pending approvals: each call to an `ask` tool waits here for the user's answer, which only the
// window (or the CLI's terminal) gives, by id. Nothing the model says or a tool returns reaches
// this: answers come from IPC invokes and the terminal only. No answer in time = denied.
import { randomUUID } from 'node:crypto'

export type ApprovalAnswer = 'once' | 'always' | 'deny'
export type ApprovalOutcome = ApprovalAnswer | 'timeout' | 'cancelled'

export interface ApprovalRequest {
  id: string
  toolName: string
  /** Where the tool comes from: 'builtin' or the MCP server's name. */
  source: string
  /** The arguments as readable text (pretty JSON). */
  argumentsText: string
  canAlwaysAllow: boolean
  timeoutMs: number
}

export type SetTimer = (callback: () => void, delayMs: number) => () => void

export const realSetTimer: SetTimer = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs)
  return () => clearTimeout(timer)
}

/** The rule: no answer in 60 s is a denial. */
export const APPROVAL_TIMEOUT_MS = 60_000

export interface ApprovalBrokerOptions {
  onRequested: (request: ApprovalRequest) => void
  onEnded: (id: string, outcome: ApprovalOutcome) => void
  setTimer?: SetTimer
  timeoutMs?: number
  newId?: () => string
}

interface Pending {
  request: ApprovalRequest
  /** The session that asked (an assistant id); none for requests not tied to one session. */
  ownerId: string | undefined
  resolve: (outcome: ApprovalOutcome) => void
  cancelTimer: () => void
}

export class ApprovalBroker {
  readonly #options: ApprovalBrokerOptions
  readonly #pending = new Map<string, Pending>()

  constructor(options: ApprovalBrokerOptions) {
    this.#options = options
  }

  request(
    details: Omit<ApprovalRequest, 'id' | 'timeoutMs'>,
    ownerId?: string
  ): Promise<ApprovalOutcome> {
    const timeoutMs = this.#options.timeoutMs ?? APPROVAL_TIMEOUT_MS
    const request: ApprovalRequest = {
      ...details,
      id: (this.#options.newId ?? randomUUID)(),
      timeoutMs
    }
    return new Promise<ApprovalOutcome>((resolve) => {
      const setTimer = this.#options.setTimer ?? realSetTimer
      const cancelTimer = setTimer(() => this.#finish(request.id, 'timeout'), timeoutMs)
      this.#pending.set(request.id, { request, ownerId, cancelTimer, resolve })
      this.#options.onRequested(request)
    })
  }

  /** The user's answer. False when no such approval is pending (already answered, timed out). */
  answer(id: string, answer: ApprovalAnswer): boolean {
    const pending = this.#pending.get(id)
    if (!pending) return false
    // "Always" on a tool that may destroy something is taken as "once".
    const outcome = answer === 'always' && !pending.request.canAlwaysAllow ? 'once' : answer
    return this.#finish(id, outcome)
  }

  pending(): ApprovalRequest[] {
    return [...this.#pending.values()].map((entry) => entry.request)
  }

  /** Pending approvals die with the connection (realtime-2026-11.md §3). */
  cancelAll(): void {
    for (const id of [...this.#pending.keys()]) this.#finish(id, 'cancelled')
  }

  /**
   * One session closed: its approvals and those tied to no session end; another assistant's
   * session, still open, keeps its own (issue 14: several sessions at once).
   */
  cancelOwnedBy(ownerId: string): void {
    for (const [id, pending] of [...this.#pending])
      if (pending.ownerId === undefined || pending.ownerId === ownerId)
        this.#finish(id, 'cancelled')
  }

  #finish(id: string, outcome: ApprovalOutcome): boolean {
    const pending = this.#pending.get(id)
    if (!pending) return false
    this.#pending.delete(id)
    pending.cancelTimer()
    pending.resolve(outcome)
    this.#options.onEnded(id, outcome)
    return true
  }
}

/** What the model is told, in words it can relay to the user. */
export function outcomeMessage(
  outcome: Exclude<ApprovalOutcome, 'once' | 'always'>,
  timeoutMs = APPROVAL_TIMEOUT_MS
): string {
  switch (outcome) {
    case 'deny':
      return 'The user declined.'
    case 'timeout':
      return `The user did not answer within ${Math.round(timeoutMs / 1000)} seconds, so the tool did not run.`
    case 'cancelled':
      return 'The request was cancelled before the user answered, so the tool did not run.'
  }
}
