import type { JSX } from 'react'
import { BudgetField } from './BudgetField'

/** Settings → Budget: the monthly budget and what Hark does when it is reached. */
export function BudgetSettings(): JSX.Element {
  return (
    <fieldset className="field">
      <legend className="field__label">Budget</legend>
      <BudgetField label="Monthly budget (USD)" />
      <p className="hint">
        Hark warns at 80 % of it and, once it is spent, asks before it starts any new answer. Months
        follow your computer&apos;s time zone. Leave it empty for no budget.
      </p>
    </fieldset>
  )
}
