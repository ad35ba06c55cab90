// History timings (issue 11): 10,000 generated conversations in a temp folder, encrypted as in
// the app (a stand-in for safeStorage wraps the data key; records are AES-256-GCM as always).
// "open" = a fresh store reading the index and listing it, as the History view and `history
// list` do; "search" = a query over all text on an opened history; "first search" adds loading
// the search text. Run alone with `npx tsx bench/history.ts`.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openHistoryStore, type HistoryStore } from '../src/main/history/history-store'
import type { SecretCipher } from '../src/main/storage/key-store'
import { formatTable, summarize, type Metric } from './stats'

const CONVERSATIONS = Number(process.env['BENCH_HISTORY_CONVERSATIONS'] ?? '10000')
const TURNS_PER_CONVERSATION = 4
const RUNS = 20

/** Wraps the data key reversibly, like safeStorage; the records' encryption is the real one. */
const benchCipher: SecretCipher = {
  isAvailable: () => true,
  encrypt: (plain) => Buffer.from(plain, 'utf8').reverse(),
  decrypt: (data) => Buffer.from(data).reverse().toString('utf8')
}

const WORDS = (
  'weather train ticket recipe pasta garlic meeting tomorrow reminder call mother birthday ' +
  'gift budget invoice holiday flight hotel museum opening hours translate sentence spanish ' +
  'french grammar exercise running shoes knee pain stretch podcast episode summary chapter'
).split(' ')

function sentence(seed: number, length: number): string {
  const words: string[] = []
  for (let i = 0; i < length; i++) words.push(WORDS[(seed * 31 + i * 17) % WORDS.length]!)
  return words.join(' ')
}

async function generate(dataDir: string): Promise<void> {
  const store = await openHistoryStore({
    dataDir,
    cipher: benchCipher,
    plainAllowed: false,
    writable: true
  })
  for (let c = 0; c < CONVERSATIONS; c++) {
    const writer = store.begin({ model: 'gpt-realtime', voice: 'marin' })
    for (let t = 0; t < TURNS_PER_CONVERSATION; t++) {
      const atMs = Date.now()
      writer.putItem({
        itemId: `u${t}`,
        kind: 'message',
        role: 'user',
        text: `${sentence(c + t, 12)} #${c}`,
        status: 'completed',
        atMs
      })
      writer.putItem({
        itemId: `a${t}`,
        kind: 'message',
        role: 'assistant',
        text: sentence(c * 7 + t, 30),
        status: 'completed',
        atMs
      })
    }
    writer.end()
  }
}

const open = (dataDir: string): Promise<HistoryStore> =>
  openHistoryStore({ dataDir, cipher: benchCipher, plainAllowed: false, writable: false })

export async function measureHistory(): Promise<Metric[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hark-bench-history-'))
  try {
    const generateStart = performance.now()
    await generate(dataDir)
    const generateS = ((performance.now() - generateStart) / 1000).toFixed(1)
    // The next start folds the journals into snapshots, as the app does at start.
    await openHistoryStore({ dataDir, cipher: benchCipher, plainAllowed: false, writable: true })
    const openMs: number[] = []
    const firstSearchMs: number[] = []
    const searchMs: number[] = []
    const regexSearchMs: number[] = []
    const longSearchMs: number[] = []
    let listed = 0
    let found = 0
    for (let run = 0; run < RUNS; run++) {
      let start = performance.now()
      const store = await open(dataDir)
      listed = (await store.list()).conversations.length
      openMs.push(performance.now() - start)
      start = performance.now()
      found = (await store.search(`garlic #${run * 37}`)).hits.length
      firstSearchMs.push(performance.now() - start)
      start = performance.now()
      await store.search(`museum spanish ${run}`)
      searchMs.push(performance.now() - start)
      start = performance.now()
      await store.search('(a+)+$ .* [x-z]{1,9} \\d+?')
      regexSearchMs.push(performance.now() - start)
      start = performance.now()
      await store.search(`${'garlic '.repeat(1428)}x`.slice(0, 10_000))
      longSearchMs.push(performance.now() - start)
    }
    if (listed !== CONVERSATIONS || found < 1)
      throw new Error(`history bench: listed ${listed}, found ${found}`)
    const what = `${CONVERSATIONS} conversations of ${TURNS_PER_CONVERSATION * 2} messages, encrypted (generated in ${generateS} s)`
    return [
      {
        name: 'history: open and list',
        samples: openMs,
        unit: 'ms',
        budget: 50,
        how: `a fresh store reads the index snapshot and journal and sorts the list; ${what}`
      },
      {
        name: 'history: search',
        samples: searchMs,
        unit: 'ms',
        budget: 50,
        how: `two words over all text of an opened history (search text in memory, list re-read from disk); ${what}`
      },
      {
        name: '  first search after opening',
        samples: firstSearchMs,
        unit: 'ms',
        budget: null,
        how: 'context: the first search of a fresh store also decrypts and loads the search text'
      },
      {
        name: '  search with regex characters',
        samples: regexSearchMs,
        unit: 'ms',
        budget: 50,
        how: 'the query `(a+)+$ .* [x-z]{1,9} \\d+?` (literal words, no regex is built)'
      },
      {
        name: '  search with 10,000 characters',
        samples: longSearchMs,
        unit: 'ms',
        budget: 50,
        how: 'a 10,000-character query'
      }
    ]
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  measureHistory()
    .then((metrics) => console.log(formatTable(summarize(metrics))))
    .catch((error: unknown) => {
      console.error('bench:', error)
      process.exitCode = 1
    })
}
