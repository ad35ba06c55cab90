// A data folder whose spending record (spend.json) says `spentUsd` was already spent today, as
// an earlier run would have left it: for the budget specs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SPEND_FILE_NAME, localDay } from '../src/main/usage/spend-ledger'

export function spentDataDir(
  spentUsd: number
): (fixtures: object, use: (dir: string) => Promise<void>) => Promise<void> {
  // Playwright reads a fixture's dependencies from its destructuring pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  return async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-e2e-'))
    const days = { [localDay(new Date())]: spentUsd }
    await writeFile(join(dir, SPEND_FILE_NAME), JSON.stringify({ version: 1, days }))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  }
}
