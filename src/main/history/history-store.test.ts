import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FakeCipher } from '../../../test/doubles/fake-controller'
import {
  HistoryLockedError,
  HistoryOffError,
  openHistoryStore,
  type ConversationWriter,
  type HistoryStore
} from './history-store'
import type { StoredItem } from './types'

const SECRET = 'my bank password is swordfish'

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'hark-history-'))
}

function item(itemId: string, role: 'user' | 'assistant', text: string, atMs = 1): StoredItem {
  return { itemId, kind: 'message', role, text, status: 'completed', atMs }
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

async function writeOne(
  dataDir: string,
  cipher = new FakeCipher(),
  plainAllowed = false
): Promise<{ store: HistoryStore; writer: ConversationWriter }> {
  const store = await openHistoryStore({ dataDir, cipher, plainAllowed, writable: true })
  const writer = store.begin({ model: 'gpt-realtime', voice: 'marin' })
  writer.putItem(item('u1', 'user', `Hello there, ${SECRET}`))
  writer.putItem(item('a1', 'assistant', 'I will not remember that.'))
  return { store, writer }
}

describe('history store', () => {
  it('keeps nothing of the conversation readable on disk when a key store is available', async () => {
    const dataDir = await tempDir()
    const { store, writer } = await writeOne(dataDir)
    expect(store.mode).toBe('encrypted')
    for (const file of allFiles(dataDir)) {
      const bytes = readFileSync(file, 'utf8')
      expect(bytes).not.toContain('swordfish')
      expect(bytes).not.toContain('remember')
    }
    const reopened = await openHistoryStore({
      dataDir,
      cipher: new FakeCipher(),
      plainAllowed: false,
      writable: false
    })
    const conversation = await reopened.get(writer.id)
    expect(conversation?.items.map((entry) => entry.text)).toEqual([
      `Hello there, ${SECRET}`,
      'I will not remember that.'
    ])
    expect(conversation?.model).toBe('gpt-realtime')
    expect(conversation?.voice).toBe('marin')
    expect((await reopened.list()).conversations[0]?.title).toBe(`Hello there, ${SECRET}`)
    expect((await reopened.search('SWORDFISH')).hits.map((hit) => hit.id)).toEqual([writer.id])
  })

  it('saves nothing without a key store unless the user agreed to plain files', async () => {
    const dataDir = await tempDir()
    const cipher = new FakeCipher()
    cipher.available = false
    const off = await openHistoryStore({ dataDir, cipher, plainAllowed: false, writable: true })
    expect(off.mode).toBe('off')
    expect(() => off.begin({ model: 'm', voice: 'v' })).toThrow(HistoryOffError)
    const { store } = await writeOne(dataDir, cipher, true)
    expect(store.mode).toBe('plain')
    expect(store.encrypted).toBe(false)
    expect((await store.list()).conversations).toHaveLength(1)
  })

  it('is locked, not garbage, where the key that encrypts it cannot be reached', async () => {
    const dataDir = await tempDir()
    await writeOne(dataDir)
    const noKeyStore = new FakeCipher()
    noKeyStore.available = false
    const reader = await openHistoryStore({
      dataDir,
      cipher: noKeyStore,
      plainAllowed: true,
      writable: false
    })
    expect(reader.mode).toBe('locked')
    await expect(reader.list()).rejects.toBeInstanceOf(HistoryLockedError)
    await expect(reader.get('20260101-000000-abcdef')).rejects.toBeInstanceOf(HistoryLockedError)
  })

  it('shows the readable part of a torn conversation, keeps the rest aside and deletes nothing', async () => {
    const dataDir = await tempDir()
    const { store, writer } = await writeOne(dataDir)
    const path = join(dataDir, 'history', 'conversations', `${writer.id}.jsonl`)
    appendFileSync(path, '~AAAAtorn-in-the-middle-of-a-wri')
    const before = readFileSync(path)
    const conversation = await store.get(writer.id)
    expect(conversation?.items).toHaveLength(2)
    expect(conversation?.notices).toHaveLength(1)
    expect(conversation?.notices[0]).toContain('1 record of this conversation could not be read')
    const aside = join(dataDir, 'history', 'aside', `${writer.id}.unreadable.jsonl`)
    expect(conversation?.notices[0]).toContain(aside)
    expect(readFileSync(aside, 'utf8')).toBe('~AAAAtorn-in-the-middle-of-a-wri\n')
    expect(readFileSync(path)).toEqual(before)
  })

  it('does not let a torn tail swallow the next record', async () => {
    const dataDir = await tempDir()
    const { writer } = await writeOne(dataDir)
    const index = join(dataDir, 'history', 'index.jsonl')
    appendFileSync(index, '{"op":"put","id":"torn')
    const store = await openHistoryStore({
      dataDir,
      cipher: new FakeCipher(),
      plainAllowed: false,
      writable: true
    })
    const next = store.begin({ model: 'm', voice: 'v' })
    next.putItem(item('u2', 'user', 'second conversation'))
    const list = await store.list()
    expect(list.conversations.map((entry) => entry.id).sort()).toEqual([writer.id, next.id].sort())
    expect(list.notices.join(' ')).toContain('1 entries of the history')
  })

  it('reads a conversation under another key as unreadable, with a notice, nothing deleted', async () => {
    const dataDir = await tempDir()
    const { writer } = await writeOne(dataDir)
    const other = await tempDir()
    await writeOne(other)
    // The key file of another folder: every line fails its GCM tag check.
    writeFileSync(
      join(dataDir, 'history', 'key.bin'),
      readFileSync(join(other, 'history', 'key.bin'))
    )
    const store = await openHistoryStore({
      dataDir,
      cipher: new FakeCipher(),
      plainAllowed: false,
      writable: false
    })
    const conversation = await store.get(writer.id)
    expect(conversation?.items).toEqual([])
    expect(conversation?.notices[0]).toContain('3 records of this conversation could not be read')
    expect(statSync(join(dataDir, 'history', 'conversations', `${writer.id}.jsonl`)).size).toBe(
      readFileSync(join(dataDir, 'history', 'conversations', `${writer.id}.jsonl`)).length
    )
  })

  it('leaves a conversation from a newer Hark untouched and says so', async () => {
    const dataDir = await tempDir()
    const { store, writer } = await writeOne(dataDir)
    const path = join(dataDir, 'history', 'conversations', `${writer.id}.jsonl`)
    const lines = readFileSync(path, 'utf8').split('\n')
    lines[0] = JSON.stringify({ hark: 'hark-conversation', v: 99 })
    writeFileSync(path, lines.join('\n'))
    const conversation = await store.get(writer.id)
    expect(conversation?.items).toEqual([])
    expect(conversation?.notices[0]).toContain('newer version of Hark')
    expect(readFileSync(path, 'utf8')).toBe(lines.join('\n'))
  })

  it('searches literally: regex characters and a 10,000-character query', async () => {
    const dataDir = await tempDir()
    const store = await openHistoryStore({
      dataDir,
      cipher: new FakeCipher(),
      plainAllowed: false,
      writable: true
    })
    const writer = store.begin({ model: 'm', voice: 'v' })
    writer.putItem(item('u1', 'user', 'What does (a+)+$ match? And .* too'))
    writer.putItem(item('a1', 'assistant', 'The regex (a+)+$ can backtrack badly.'))
    const hits = (await store.search('(a+)+$')).hits
    expect(hits).toHaveLength(1)
    const snippet = hits[0]!.snippet
    expect(snippet.ranges.map(([start, end]) => snippet.text.slice(start, end))).toEqual([
      '(a+)+$',
      '(a+)+$'
    ])
    expect((await store.search('.*')).hits).toHaveLength(1)
    expect((await store.search('a'.repeat(10_000) + '!')).hits).toEqual([])
    expect((await store.search('regex backtrack')).hits).toHaveLength(1)
    expect((await store.search('regex nowhere')).hits).toHaveLength(0)
  })

  it('renames, deletes with undo, purges and deletes everything', async () => {
    const dataDir = await tempDir()
    const { store, writer } = await writeOne(dataDir)
    expect(await store.rename(writer.id, '  Banking  ')).toBe(true)
    expect((await store.list()).conversations[0]?.title).toBe('Banking')
    expect((await store.get(writer.id))?.title).toBe('Banking')
    expect(await store.delete(writer.id)).toBe(true)
    expect((await store.list()).conversations).toEqual([])
    expect((await store.search('swordfish')).hits).toEqual([])
    expect(await store.restore(writer.id)).toBe(true)
    expect((await store.list()).conversations[0]?.title).toBe('Banking')
    expect((await store.search('swordfish')).hits).toHaveLength(1)
    expect(await store.purge(writer.id)).toBe(true)
    expect(await store.get(writer.id)).toBeNull()
    await writeOne(dataDir)
    await store.deleteAll()
    expect((await store.list()).conversations).toEqual([])
    expect(allFiles(join(dataDir, 'history')).map((file) => file.split('/').pop())).toEqual([
      'key.bin'
    ])
  })

  it('forgets conversations older than the retention period at the next start', async () => {
    const dataDir = await tempDir()
    let nowMs = Date.UTC(2026, 0, 1)
    const open = (retentionDays: number | null): Promise<HistoryStore> =>
      openHistoryStore({
        dataDir,
        cipher: new FakeCipher(),
        plainAllowed: false,
        writable: true,
        retentionDays,
        now: () => nowMs
      })
    const first = await open(null)
    first.begin({ model: 'm', voice: 'v' }).putItem(item('u1', 'user', 'old one'))
    nowMs += 10 * 24 * 3600 * 1000
    const second = await open(30)
    const recent = second.begin({ model: 'm', voice: 'v' })
    recent.putItem(item('u2', 'user', 'new one'))
    nowMs += 25 * 24 * 3600 * 1000
    const third = await open(30)
    expect((await third.list()).conversations.map((entry) => entry.id)).toEqual([recent.id])
    expect((await open(null)).mode).toBe('encrypted')
  })

  it('folds a long journal into the snapshot and rebuilds entries the index lost', async () => {
    const dataDir = await tempDir()
    const { store, writer } = await writeOne(dataDir)
    for (let turn = 0; turn < 250; turn++) writer.putItem(item(`x${turn}`, 'user', `turn ${turn}`))
    const ids = [writer.id]
    const reopened = await openHistoryStore({
      dataDir,
      cipher: new FakeCipher(),
      plainAllowed: false,
      writable: true
    })
    expect(readFileSync(join(dataDir, 'history', 'index.jsonl'), 'utf8').split('\n')).toHaveLength(
      2
    )
    expect((await reopened.list()).conversations.map((entry) => entry.id)).toEqual(ids)
    expect((await reopened.search('turn 249')).hits).toHaveLength(1)
    // An index lost entirely: the conversation files are the truth.
    writeFileSync(join(dataDir, 'history', 'index.snapshot'), '')
    writeFileSync(join(dataDir, 'history', 'index.jsonl'), '')
    const rebuilt = await openHistoryStore({
      dataDir,
      cipher: new FakeCipher(),
      plainAllowed: false,
      writable: true
    })
    const summary = (await rebuilt.list()).conversations[0]
    expect(summary?.id).toBe(writer.id)
    expect(summary?.itemCount).toBe(252)
    expect(store.folder).toBe(join(dataDir, 'history'))
  })
})
