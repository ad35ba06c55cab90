import { useEffect } from 'react'
import type { JSX, KeyboardEvent as ReactKeyboardEvent } from 'react'
import { answerApproval, useTools, type ApprovalDecision } from '../stores/tools'
import { hark } from '../ipc/hark'

const BUTTONS: { decision: ApprovalDecision; label: string; className: string }[] = [
  { decision: 'once', label: 'Allow once', className: 'button button--primary' },
  { decision: 'always', label: 'Always allow', className: 'button' },
  { decision: 'deny', label: 'Deny', className: 'button button--danger' }
]

/** Where Enter belongs to what is being typed, not to the card. */
function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  )
}

/**
 * The oldest pending approval: the tool, where it comes from, its arguments, and Allow once /
 * Always allow / Deny. Enter allows once and Escape denies (not while typing in a field); Space
 * is push-to-talk's and never presses these buttons, and the global hotkey never reaches them.
 */
export function ApprovalCard(): JSX.Element | null {
  const request = useTools((state) => state.approvals[0])
  const id = request?.id

  useEffect(() => {
    if (id === undefined) return
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat) return
      const decision: ApprovalDecision | null =
        event.key === 'Escape'
          ? 'deny'
          : event.key === 'Enter' && !isTypingTarget(event.target)
            ? 'once'
            : null
      if (decision === null) return
      // Before Escape's "stop speaking" and a focused button's own Enter.
      event.preventDefault()
      event.stopPropagation()
      void answerApproval(hark(), id, decision)
    }
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [id])

  if (!request) return null
  const answer = (decision: ApprovalDecision) => () =>
    void answerApproval(hark(), request.id, decision)
  const noSpace = (event: ReactKeyboardEvent): void => {
    if (event.key === ' ') event.preventDefault()
  }
  const from = request.source === 'builtin' ? 'Hark' : `the MCP server “${request.source}”`
  const seconds = Math.round(request.timeoutMs / 1000)

  return (
    <section
      className="approval"
      role="alertdialog"
      aria-labelledby={`approval-${request.id}`}
      aria-describedby={`approval-args-${request.id}`}
    >
      <h2 id={`approval-${request.id}`} className="approval__title">
        Allow {request.toolName}?
      </h2>
      <p className="muted">
        A tool from {from} wants to run with these arguments. No answer in {seconds} s means no.
      </p>
      <pre id={`approval-args-${request.id}`} className="approval__args">
        {request.argumentsText}
      </pre>
      <div className="actions">
        {BUTTONS.filter((button) => button.decision !== 'always' || request.canAlwaysAllow).map(
          (button) => (
            <button
              key={button.decision}
              type="button"
              className={button.className}
              onClick={answer(button.decision)}
              onKeyDown={noSpace}
              onKeyUp={noSpace}
            >
              {button.label}
            </button>
          )
        )}
      </div>
      {!request.canAlwaysAllow && (
        <p className="hint">
          This tool may delete or change things, so it is asked about every time.
        </p>
      )}
    </section>
  )
}
