import { useState } from 'react'
import type { JSX } from 'react'
import type { SpendStatus } from '../../../shared/spend-ipc'
import { hark } from '../ipc/hark'
import { continueOnce, useSpend } from '../stores/spend'
import { costText } from '../stores/turn-metrics-model'
import { BudgetField } from './BudgetField'

const percent = (spentUsd: number, budgetUsd: number): number =>
  Math.floor((spentUsd / budgetUsd) * 100)

/** What waits for the user: a Realtime answer, or GPT-Live (billed by time, main/app/live-budget.ts). */
function heldText(liveHold: SpendStatus['liveHold'], held: boolean): string {
  if (liveHold === 'continued')
    return 'GPT-Live goes on until you disconnect or start a new conversation; Hark asks again before the next Connect.'
  if (liveHold === 'muted')
    return 'Hark muted GPT-Live and silenced its answer. A muted session is still billed, so Hark ends it in a minute unless you continue (until you disconnect).'
  if (liveHold === 'not_connected')
    return 'GPT-Live bills every second it is connected, so Hark has not connected it. Continue this once connects with the conversation so far, until you disconnect.'
  return held
    ? 'Hark has your turn but has not answered it.'
    : 'Hark will ask before it answers again.'
}

/**
 * The monthly budget, when it matters: a warning from 80 %, and once it is spent the question
 * Hark asks before any new answer ("Continue this once" / "Raise the budget").
 */
export function BudgetNotice(): JSX.Element | null {
  const status = useSpend((state) => state.status)
  const error = useSpend((state) => state.error)
  const [raising, setRaising] = useState(false)
  if (!status) return null
  const problem = status.problem && (
    <p className="banner" role="alert">
      {status.problem}
    </p>
  )
  const budgetUsd = status.budgetUsd
  if (budgetUsd === null || status.level === 'ok' || status.level === 'none') return problem || null
  const spent = `${costText(status.monthUsd)} of your ${costText(budgetUsd)} monthly budget`
  if (status.level === 'warning')
    return (
      <>
        {problem}
        <p className="banner" role="status" data-testid="budget-warning">
          You have spent {spent} ({percent(status.monthUsd, budgetUsd)} %) this month.
        </p>
      </>
    )
  return (
    <>
      {problem}
      <div className="banner" role="alert" data-testid="budget-stop">
        <p>
          Your monthly budget is spent: {spent}. {heldText(status.liveHold, status.held)}
        </p>
        <div className="actions">
          {status.held && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void continueOnce(hark())}
            >
              Continue this once
            </button>
          )}
          <button type="button" className="button" onClick={() => setRaising(!raising)}>
            Raise the budget
          </button>
        </div>
        {raising && (
          <BudgetField label="New monthly budget (USD)" onSaved={() => setRaising(false)} />
        )}
        {error && <p className="error">{error}</p>}
      </div>
    </>
  )
}
