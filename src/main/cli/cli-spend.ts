// The CLI's turns cost money just like the app's: each cost a turn reports (`turn_metrics`, from
// either engine; GPT-Live's last seconds arrive as the session stops) goes into the data folder's
// spending record (`spend.json`, the same ledger code, written atomically), so the app's today and
// month totals and its monthly budget include them. Only into a data folder that exists
// (HARK_DATA_DIR, or the desktop app's once it has run): the CLI never creates one. Each save adds
// to what the file holds (spend-ledger.ts), so the app and the CLI never write over each other.
import { stat } from 'node:fs/promises'
import { knownCostUsd } from '../app/spend-service'
import type { RealtimeCoreEvent } from '../../shared/realtime-events'
import { SpendLedger } from '../usage/spend-ledger'
import { cliDataDir } from './data-dir'

export interface CliSpend {
  onEvent(event: RealtimeCoreEvent): void
  /** Waits for the record to be written; a sentence when it could not be read or written. */
  close(): Promise<string | null>
}

export async function openCliSpend(
  env: Readonly<Record<string, string | undefined>>
): Promise<CliSpend | null> {
  const dir = cliDataDir(env)
  const isFolder = await stat(dir).then(
    (found) => found.isDirectory(),
    () => false
  )
  if (!isFolder) return null
  const ledger = new SpendLedger({ dir })
  await ledger.load()
  return {
    onEvent(event) {
      // The same key as the app's (spend-service.ts): a figure reported twice counts once.
      if (event.type === 'turn_metrics')
        ledger.record(`response:${event.responseId}`, knownCostUsd(event))
    },
    async close() {
      await ledger.flushed()
      return ledger.problem
    }
  }
}
