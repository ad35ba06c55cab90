// The monthly budget setting (USD), checked by main when the renderer saves it. A budget of 0 or
// less would stop every answer, and a figure that is not a number means nothing: both are refused
// with a sentence the user can act on. Empty (null) means no budget.
import { z } from 'zod'

export const BUDGET_REFUSED =
  'The monthly budget must be an amount in USD above 0 (for example 5 or 12.50). Leave it empty for no budget.'
/** A million dollars a month: anything above is a typing slip, not a budget. */
export const MAX_MONTHLY_BUDGET_USD = 1_000_000

export const monthlyBudgetUsdSchema = z
  .number({ error: BUDGET_REFUSED })
  .finite({ error: BUDGET_REFUSED })
  .gt(0, { error: BUDGET_REFUSED })
  .max(MAX_MONTHLY_BUDGET_USD, {
    error: `The monthly budget can be at most $${MAX_MONTHLY_BUDGET_USD.toLocaleString('en-US')}.`
  })
  .nullable()

/**
 * What the user typed in the budget field, as the setting: '' → null (no budget), a number →
 * that number (main still checks it), anything else → NaN, which main refuses with its sentence.
 */
export function budgetFromText(text: string): number | null {
  const trimmed = text.trim().replace(/^\$/, '')
  if (trimmed === '') return null
  return /^[-+]?\d*\.?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
}
