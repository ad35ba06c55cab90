// At the start of the history's writer: recordings left unfinished by a Hark that died
// mid-conversation get their sizes from their length (wav-stream.ts `repairWav`), so they open.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { repairWav } from './wav-stream'

export interface RecordingsRepair {
  repaired: number
  /** Files that could not be read or are not Hark's: left as they are. */
  skipped: number
}

export async function repairRecordings(folder: string): Promise<RecordingsRepair> {
  const names = await readdir(folder).catch(() => [] as string[])
  const result: RecordingsRepair = { repaired: 0, skipped: 0 }
  for (const name of names) {
    if (!name.endsWith('.wav')) continue
    try {
      const outcome = repairWav(join(folder, name))
      if (outcome.kind === 'repaired') result.repaired++
      if (outcome.kind === 'foreign') result.skipped++
    } catch {
      result.skipped++
    }
  }
  return result
}
