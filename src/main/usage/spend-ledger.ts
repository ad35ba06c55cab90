// What Hark has spent per day, kept in the data folder (`spend.json`) so the status bar's "today"
// and the monthly budget survive restarts. Engine-agnostic: it takes cost records keyed by what
// they pay for (a response id, a transcription's item id) from whichever engine produced them,
// and counts each key once. A key seen again with a higher cost (a turn whose transcription
// arrived late) adds only the difference.
//
// The app and the CLI write the same file (a CLI turn while the app runs), so a save never writes
// this process's totals over the file's: it reads the file, adds what this process counted since
// its last save, and writes that.
//
// Days and months are the user's local calendar (the system time zone): "today" resets at local
// midnight, the month on the local first of the month.
import { readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { RealtimeLog } from '../realtime/event-bus'
import { removeStaleTempFiles, writeFileAtomic } from '../storage/atomic-file'
import { fileProblem, isMissingFile } from '../storage/file-errors'

export const SPEND_FILE_NAME = 'spend.json'
/** Days older than this are dropped from the file: the month and the day are all Hark shows. */
const KEEP_DAYS = 400
/** Keys remembered for the "count once" rule: far more than the responses still being updated. */
const REMEMBERED_KEYS = 256
/** Costs are exact to 1e-8 USD (prices have two decimals per 1M tokens, cost.ts). */
const roundUsd = (usd: number): number => Math.round(usd * 1e8) / 1e8

const fileSchema = z.object({
  version: z.literal(1),
  /** Local calendar day (YYYY-MM-DD) → USD spent that day. */
  days: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.number().finite().nonnegative()),
  /**
   * Issue 14: assistant id → local month (YYYY-MM) → USD its sessions spent. Absent in files
   * written before; costs recorded without an assistant are only in `days`.
   */
  assistants: z
    .record(
      z.string().max(40),
      z.record(z.string().regex(/^\d{4}-\d{2}$/), z.number().finite().nonnegative())
    )
    .optional()
})

export interface SpendTotals {
  /** The local day and month the totals are for. */
  day: string
  month: string
  todayUsd: number
  monthUsd: number
}

export interface SpendLedgerOptions {
  dir: string
  log?: RealtimeLog
  /** Wall-clock time (tests pass a fake clock). */
  now?: () => Date
  write?: (path: string, text: string) => Promise<void>
}

const pad = (value: number): string => String(value).padStart(2, '0')
/** The local calendar day of `date` (the system time zone). */
export const localDay = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`

export class SpendLedger {
  readonly #path: string
  readonly #dir: string
  readonly #log: RealtimeLog
  readonly #now: () => Date
  readonly #write: (path: string, text: string) => Promise<void>
  #days: Record<string, number> = {}
  #assistants: Record<string, Record<string, number>> = {}
  /** What this process counted that no save has written yet (added to the file's totals). */
  #unsaved: CountedSpend = { days: {}, assistants: {} }
  readonly #counted = new Map<string, number>()
  #problem: string | null = null
  /** False while the file could not be read: Hark then never overwrites it. */
  #writable = true
  #writing: Promise<void> = Promise.resolve()

  constructor(options: SpendLedgerOptions) {
    this.#dir = options.dir
    this.#path = join(options.dir, SPEND_FILE_NAME)
    this.#log = options.log ?? (() => undefined)
    this.#now = options.now ?? (() => new Date())
    this.#write = options.write ?? writeFileAtomic
  }

  /** A sentence for the user when the record could not be read or written; null when fine. */
  get problem(): string | null {
    return this.#problem
  }

  /** Read the file. Never throws: a broken file is kept aside and counting starts from zero. */
  async load(): Promise<void> {
    await removeStaleTempFiles(this.#dir, SPEND_FILE_NAME)
    let text: string
    try {
      text = await readFile(this.#path, 'utf8')
    } catch (error) {
      if (isMissingFile(error)) return
      this.#writable = false
      this.#problem = `Hark could not read its spending record: ${fileProblem(error, this.#path)}. Today's and this month's totals start from zero and are not saved until Hark restarts.`
      this.#log('error', 'spend: cannot read the file', { error: String(error) })
      return
    }
    const parsed = parseSpendFile(text)
    if (parsed) {
      this.#days = parsed.days
      this.#assistants = parsed.assistants
      return
    }
    const aside = join(this.#dir, `spend.corrupt-${this.#now().getTime()}.json`)
    try {
      await rename(this.#path, aside)
    } catch (error) {
      this.#writable = false
      this.#problem = `Hark's spending record could not be read, so today's and this month's totals start from zero. It will not overwrite that file (${fileProblem(error, this.#path)}).`
      return
    }
    this.#log('warn', 'spend: unreadable file kept aside', { aside })
    this.#problem = `Hark's spending record could not be read, so today's and this month's totals start from zero. The old file was kept as ${aside}.`
  }

  /**
   * Count what `key` cost. The same key again counts only what it grew by (a late
   * transcription); a smaller figure is ignored: money spent is never taken back.
   */
  record(key: string, costUsd: number, assistantId?: string): void {
    if (!Number.isFinite(costUsd) || costUsd <= 0) return
    const before = this.#counted.get(key) ?? 0
    const added = roundUsd(costUsd - before)
    if (added <= 0) return
    this.#counted.delete(key)
    this.#counted.set(key, costUsd)
    if (this.#counted.size > REMEMBERED_KEYS) {
      const oldest = this.#counted.keys().next()
      if (!oldest.done) this.#counted.delete(oldest.value)
    }
    const day = localDay(this.#now())
    const spend: CountedSpend = {
      days: { [day]: added },
      assistants: assistantId !== undefined ? { [assistantId]: { [day.slice(0, 7)]: added } } : {}
    }
    addSpend({ days: this.#days, assistants: this.#assistants }, spend)
    addSpend(this.#unsaved, spend)
    this.#save()
  }

  totals(): SpendTotals {
    const day = localDay(this.#now())
    const month = day.slice(0, 7)
    let monthUsd = 0
    for (const [date, usd] of Object.entries(this.#days))
      if (date.startsWith(`${month}-`)) monthUsd += usd
    return { day, month, todayUsd: this.#days[day] ?? 0, monthUsd: roundUsd(monthUsd) }
  }

  /** This month's spending per assistant (issue 14), by assistant id. */
  assistantMonthTotals(): Record<string, number> {
    const month = localDay(this.#now()).slice(0, 7)
    const totals: Record<string, number> = {}
    for (const [assistantId, months] of Object.entries(this.#assistants))
      if (months[month] !== undefined) totals[assistantId] = months[month]
    return totals
  }

  /** Resolves once every write so far has finished (tests, shutdown). */
  flushed(): Promise<void> {
    return this.#writing
  }

  #save(): void {
    if (!this.#writable) return
    this.#writing = this.#writing.then(() => this.#writeMerged())
  }

  /** The file's totals plus what this process counted since its last save; never throws. */
  async #writeMerged(): Promise<void> {
    const unsaved = this.#unsaved
    if (Object.keys(unsaved.days).length === 0) return
    this.#unsaved = { days: {}, assistants: {} }
    const onDisk = await readFile(this.#path, 'utf8').then(parseSpendFile, () => null)
    // A file that is gone or no longer readable is written from this process's own totals.
    const merged = onDisk
      ? addSpend(onDisk, unsaved)
      : { days: this.#days, assistants: this.#assistants }
    this.#days = merged.days
    this.#assistants = merged.assistants
    this.#prune()
    const assistants = Object.keys(this.#assistants).length > 0 ? this.#assistants : undefined
    const text = `${JSON.stringify({ version: 1, days: this.#days, assistants }, null, 2)}\n`
    try {
      await this.#write(this.#path, text)
      if (this.#problem?.startsWith('Hark could not save') === true) this.#problem = null
    } catch (error) {
      // Counted again at the next save, so nothing spent is lost from the file.
      addSpend(this.#unsaved, unsaved)
      this.#log('error', 'spend: cannot write the file', { error: String(error) })
      this.#problem = `Hark could not save its spending record: ${fileProblem(error, this.#path)}. The totals shown are kept until Hark quits.`
    }
  }

  #prune(): void {
    const oldest = new Date(this.#now())
    oldest.setDate(oldest.getDate() - KEEP_DAYS)
    const cutoff = localDay(oldest)
    for (const day of Object.keys(this.#days)) if (day < cutoff) delete this.#days[day]
  }
}

interface CountedSpend {
  days: Record<string, number>
  assistants: Record<string, Record<string, number>>
}

/** Adds `spend` into `into` (mutated and returned). */
function addSpend(into: CountedSpend, spend: CountedSpend): CountedSpend {
  for (const [day, usd] of Object.entries(spend.days))
    into.days[day] = roundUsd((into.days[day] ?? 0) + usd)
  for (const [assistantId, months] of Object.entries(spend.assistants)) {
    const target = (into.assistants[assistantId] ??= {})
    for (const [month, usd] of Object.entries(months))
      target[month] = roundUsd((target[month] ?? 0) + usd)
  }
  return into
}

/** The file's days and per-assistant months, or null when it is not a spending record Hark can trust. */
export function parseSpendFile(text: string): CountedSpend | null {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text.replace(/^\uFEFF/, '')))
    if (!parsed.success) return null
    return {
      days: { ...parsed.data.days },
      assistants: structuredClone(parsed.data.assistants ?? {})
    }
  } catch {
    return null
  }
}
