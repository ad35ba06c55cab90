// Literal, case-insensitive search across every conversation's text. No regular expressions are
// built from the query, so `.*(a+)+$` is just those characters, and a 10,000-character query is
// one indexOf per conversation (V8 uses Boyer-Moore-Horspool for long needles): no catastrophic
// backtracking is possible. A conversation matches when it contains every word of the query.

/** The longest query taken; longer ones are cut (the window and the CLI say so nowhere: it is
 * far beyond anything typed, and still fast). */
export const MAX_QUERY_CHARS = 10_000
const SNIPPET_CONTEXT_CHARS = 60
const MAX_RESULTS = 200

export interface SearchSnippet {
  /** A piece of the conversation's text around the first match. */
  text: string
  /** [start, end) of each match inside `text`, for highlighting. */
  ranges: [number, number][]
}

export interface SearchHit {
  id: string
  snippet: SearchSnippet
}

export interface SearchText {
  /** The conversation's words as shown. */
  text: string
  /** The same, lower-cased, searched. */
  lower: string
}

export function searchWords(query: string): string[] {
  const words = query.slice(0, MAX_QUERY_CHARS).toLowerCase().split(/\s+/).filter(Boolean)
  return [...new Set(words)]
}

export function toSearchText(text: string): SearchText {
  return { text, lower: text.toLowerCase() }
}

/** `order` lists the ids newest first; results keep that order. */
export function searchConversations(
  query: string,
  texts: ReadonlyMap<string, SearchText>,
  order: readonly string[]
): SearchHit[] {
  const words = searchWords(query)
  if (words.length === 0) return []
  const hits: SearchHit[] = []
  for (const id of order) {
    const entry = texts.get(id)
    if (!entry) continue
    let first = -1
    let firstWord = ''
    let all = true
    for (const word of words) {
      const at = entry.lower.indexOf(word)
      if (at < 0) {
        all = false
        break
      }
      if (first < 0 || at < first) {
        first = at
        firstWord = word
      }
    }
    if (!all) continue
    hits.push({ id, snippet: snippetAt(entry, first, firstWord.length, words) })
    if (hits.length >= MAX_RESULTS) break
  }
  return hits
}

function snippetAt(entry: SearchText, at: number, length: number, words: string[]): SearchSnippet {
  // toLowerCase can change a string's length (e.g. 'İ'); then show the lower-cased text, whose
  // offsets are the ones found.
  const source = entry.lower.length === entry.text.length ? entry.text : entry.lower
  const start = Math.max(0, at - SNIPPET_CONTEXT_CHARS)
  const end = Math.min(source.length, at + length + SNIPPET_CONTEXT_CHARS)
  const prefix = start > 0 ? '…' : ''
  const text = prefix + source.slice(start, end) + (end < source.length ? '…' : '')
  const lower = entry.lower.slice(start, end)
  return { text, ranges: matchRanges(lower, words, prefix.length) }
}

/** Every non-overlapping occurrence of any word in `lower`, sorted, shifted by `offset`. */
export function matchRanges(lower: string, words: string[], offset = 0): [number, number][] {
  const ranges: [number, number][] = []
  for (const word of words) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length))
      ranges.push([at + offset, at + offset + word.length])
  }
  ranges.sort((a, b) => a[0] - b[0])
  const merged: [number, number][] = []
  for (const range of ranges) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push(range)
  }
  return merged
}
