import { useState } from 'react'
import type { JSX } from 'react'
import { BUDGET_REFUSED, budgetFromText } from '../../../shared/budget-setting'
import { saveSettings, useSettings } from '../stores/settings'

const asText = (usd: number | null): string => (usd === null ? '' : String(usd))

/**
 * The monthly budget in USD, saved on its own (Settings → Budget, and "Raise the budget" when it
 * is spent). Empty = no budget. Main checks the figure; text that is not a number never leaves
 * the window (JSON would turn NaN into null, "no budget"), it gets main's sentence here. Not a
 * <form>: it sits inside the Settings form, and forms cannot nest.
 */
export function BudgetField({
  label,
  onSaved
}: {
  label: string
  onSaved?: () => void
}): JSX.Element | null {
  const settings = useSettings((state) => state.settings)
  const saving = useSettings((state) => state.saving)
  const [text, setText] = useState(() => asText(settings?.monthlyBudgetUsd ?? null))
  const [message, setMessage] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  if (!settings) return null
  const save = (): void => {
    const budgetUsd = budgetFromText(text)
    if (budgetUsd !== null && Number.isNaN(budgetUsd)) {
      setProblem(BUDGET_REFUSED)
      return
    }
    void saveSettings({ monthlyBudgetUsd: budgetUsd }).then((saved) => {
      if (!saved) {
        setProblem(useSettings.getState().error)
        return
      }
      setProblem(null)
      setMessage(budgetUsd === null ? 'No budget.' : 'Budget saved.')
      onSaved?.()
    })
  }
  return (
    <div className="budget-field">
      <label className="field">
        <span className="field__label">{label}</span>
        <input
          type="text"
          inputMode="decimal"
          value={text}
          placeholder="No budget"
          aria-invalid={problem !== null}
          onChange={(e) => {
            setText(e.target.value)
            setMessage(null)
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return
            e.preventDefault()
            save()
          }}
        />
      </label>
      <button type="button" className="button" disabled={saving} onClick={save}>
        Save budget
      </button>
      <span className="muted" aria-live="polite">
        {message ?? ''}
      </span>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}
