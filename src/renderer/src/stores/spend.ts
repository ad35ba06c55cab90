// Spending as main counts it (spend-service.ts): today's and this month's totals, the monthly
// budget's level, and whether a response waits for the user's "continue".
import { create } from 'zustand'
import type { HarkApi } from '../../../shared/ipc'
import type { SpendStatus } from '../../../shared/spend-ipc'
import { messageOf } from './errors'

interface SpendState {
  status: SpendStatus | null
  /** The last failed "Continue this once", in words. */
  error: string | null
}

export const useSpend = create<SpendState>()(() => ({ status: null, error: null }))

export function connectSpend(hark: HarkApi): () => void {
  const unsubscribe = hark.on('spend.changed', (status) => useSpend.setState({ status }))
  hark.spend.status().then(
    (status) => useSpend.setState({ status }),
    (error: unknown) => useSpend.setState({ error: messageOf(error) })
  )
  return unsubscribe
}

export async function continueOnce(hark: HarkApi): Promise<void> {
  try {
    useSpend.setState({ status: await hark.spend.continueOnce(), error: null })
  } catch (error) {
    useSpend.setState({ error: messageOf(error) })
  }
}
