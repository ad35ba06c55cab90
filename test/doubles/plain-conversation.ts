// A saved conversation written straight to a data folder, as plain lines (which every store
// reads, encrypted or not): for tests that need one with a known id.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const KNOWN_CONVERSATION_ID = '20260101-120000-abcdef'

/** With `recording`, the conversation also has that WAV file in history/recordings/. */
export function writePlainConversation(
  dataDir: string,
  id = KNOWN_CONVERSATION_ID,
  recording?: Uint8Array
): void {
  const history = join(dataDir, 'history')
  mkdirSync(join(history, 'conversations'), { recursive: true })
  const startedAtMs = Date.UTC(2026, 0, 1, 12)
  const lines: object[] = [
    { hark: 'hark-conversation', v: 1 },
    { k: 'start', id, startedAtMs, model: 'gpt-realtime', voice: 'marin' },
    {
      k: 'item',
      itemId: 'u1',
      kind: 'message',
      role: 'user',
      text: 'Hello',
      status: 'completed',
      atMs: startedAtMs
    },
    {
      k: 'item',
      itemId: 'a1',
      kind: 'message',
      role: 'assistant',
      text: 'Hi.',
      status: 'completed',
      atMs: startedAtMs
    }
  ]
  if (recording) {
    mkdirSync(join(history, 'recordings'), { recursive: true })
    writeFileSync(join(history, 'recordings', `${id}.wav`), recording)
    lines.push({ k: 'recording', fileName: `${id}.wav` })
  }
  appendFileSync(
    join(history, 'conversations', `${id}.jsonl`),
    lines.map((line) => `${JSON.stringify(line)}\n`).join('')
  )
  const summary = {
    id,
    title: 'Hello',
    startedAtMs,
    updatedAtMs: startedAtMs,
    itemCount: 2,
    ...(recording ? { recording: `${id}.wav` } : {})
  }
  appendFileSync(
    join(history, 'index.jsonl'),
    `${JSON.stringify({ op: 'put', id, value: summary })}\n`
  )
}
