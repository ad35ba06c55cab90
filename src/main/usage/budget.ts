// The monthly budget's levels: a warning from 80 % of the budget, and from 100 % Hark asks before
// it starts any new response. No budget (null) never warns and never asks.
export const BUDGET_WARNING_SHARE = 0.8

export type BudgetLevel = 'none' | 'ok' | 'warning' | 'over'

export function budgetLevel(monthUsd: number, budgetUsd: number | null): BudgetLevel {
  if (budgetUsd === null) return 'none'
  if (monthUsd >= budgetUsd) return 'over'
  if (monthUsd >= budgetUsd * BUDGET_WARNING_SHARE) return 'warning'
  return 'ok'
}
