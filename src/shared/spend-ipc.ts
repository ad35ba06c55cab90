// What the window shows of spending: today's and this month's totals (the user's local calendar,
// kept in main's spend ledger across restarts), the monthly budget and its level, and whether a
// response waits for the user's "continue" because the budget is spent.
import { z } from 'zod'

const usd = z.number().finite().nonnegative()

export const spendStatusSchema = z.object({
  /** The local day (YYYY-MM-DD) and month (YYYY-MM) the totals are for. */
  day: z.string(),
  month: z.string(),
  todayUsd: usd,
  monthUsd: usd,
  budgetUsd: usd.nullable(),
  level: z.enum(['none', 'ok', 'warning', 'over']),
  /** A user turn is in the conversation and its response waits for "Continue this once". */
  held: z.boolean(),
  /** The spending record could not be read or saved: a sentence for the user. */
  problem: z.string().nullable(),
  /**
   * GPT-Live over budget (main/app/live-budget.ts): muted and waiting for the user, not
   * connected until they continue, or continued until this conversation ends. Absent otherwise.
   */
  liveHold: z.enum(['muted', 'not_connected', 'continued']).optional()
})
export type SpendStatus = z.infer<typeof spendStatusSchema>
