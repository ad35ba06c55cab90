// GPT-Live client delegation (reference §2; DelegationCreatedEvent, CommentaryAppendEvent): the
// model hands a task to the application with an id and no task text (the event "contains
// metadata, not the task text"), the application does it, and answers with
// `session.commentary.append {content, delegation_id}`, speakable context the model then says
// in its own words. Hark decides what to do through a handler (its tool framework and approval
// flow, issue 12); a refusal or a failure is answered the same way, so the model can say so.
import type { CommentaryAppendEvent } from 'openai/resources/live/live'

export interface LiveDelegationRequest {
  delegationId: string
  /** Session-timeline position where the model delegated. */
  offsetMs: number
  /** The user's newest words: the event carries no task text, so this is the best account of it. */
  request: string
}

export type LiveDelegationOutcome =
  | { kind: 'result'; text: string }
  /** Denied by the user or not possible: the model is told, and says so. */
  | { kind: 'refused'; reason: string }

export type LiveDelegationHandler = (
  request: LiveDelegationRequest
) => Promise<LiveDelegationOutcome>

/** Commentary is "limited to 500 tokens": about four characters a token, with room to spare. */
export const MAX_COMMENTARY_CHARS = 1800

export const NO_TOOL_REASON = 'Hark has no tool that can do this yet.'

export function outcomeText(outcome: LiveDelegationOutcome): string {
  return outcome.kind === 'result'
    ? outcome.text
    : `This was not done: ${outcome.reason} Tell the user so, without guessing a result.`
}

export function delegationReply(
  delegationId: string,
  outcome: LiveDelegationOutcome
): CommentaryAppendEvent {
  const text = outcomeText(outcome)
  const content =
    text.length > MAX_COMMENTARY_CHARS ? `${text.slice(0, MAX_COMMENTARY_CHARS - 1)}…` : text
  return {
    type: 'session.commentary.append',
    content: content === '' ? '(no result)' : content,
    delegation_id: delegationId
  }
}

/** Runs the handler; a missing handler refuses, and a throw becomes a refusal the model can say. */
export async function runDelegation(
  handler: LiveDelegationHandler | undefined,
  request: LiveDelegationRequest
): Promise<{ outcome: LiveDelegationOutcome; failure: string | null }> {
  if (!handler) return { outcome: { kind: 'refused', reason: NO_TOOL_REASON }, failure: null }
  try {
    return { outcome: await handler(request), failure: null }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return {
      outcome: { kind: 'refused', reason: `it failed (${message}).` },
      failure: `A delegated task failed: ${message}`
    }
  }
}

export interface DelegationSession {
  /** The session it belongs to may have ended meanwhile; a new one knows nothing of it. */
  isCurrent: () => boolean
  send: (event: CommentaryAppendEvent) => void
}

export interface DelegationBook {
  lastUserText(): string
  addDelegation(callId: string, request: string): void
  completeDelegation(callId: string, output: string): void
}

/** One client delegation, start to end: shown as a tool call, run, answered as commentary. */
export async function delegateTask(
  delegation: { id: string; offsetMs: number },
  deps: {
    handler: LiveDelegationHandler | undefined
    book: DelegationBook
    session: DelegationSession
    onFailure: (message: string) => void
  }
): Promise<void> {
  const request = deps.book.lastUserText()
  deps.book.addDelegation(delegation.id, request)
  const { outcome, failure } = await runDelegation(deps.handler, {
    delegationId: delegation.id,
    offsetMs: delegation.offsetMs,
    request
  })
  if (failure) deps.onFailure(failure)
  deps.book.completeDelegation(delegation.id, outcomeText(outcome))
  if (deps.session.isCurrent()) deps.session.send(delegationReply(delegation.id, outcome))
}
