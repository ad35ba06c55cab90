// The history as the window reaches it through main's router: the live session is kept as it
// happens, and the History view lists, searches, opens, renames, deletes (with undo), exports
// and continues it.
import * as fs from 'node:fs'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { assistantItem, userItem } from '../../../test/doubles/conversation-items'
import { describe, expect, it, vi } from 'vitest'
import { createHarness, type Harness } from '../../../test/doubles/hark-main-harness'
import { DEFAULT_MODEL } from '../../shared/settings'
import type { HarkError } from './ipc-error'

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  return { ...actual, appendFileSync: vi.fn(actual.appendFileSync) }
})

const KEY = 'sk-test-0123456789abcdef'

const user = userItem
const assistant = assistantItem

async function connected(): Promise<Harness> {
  const h = await createHarness({ OPENAI_API_KEY: KEY })
  await h.router.handleInvoke('session.start', undefined)
  return h
}

interface Listed {
  conversations: { id: string; title: string; itemCount: number }[]
}

async function listed(h: Harness): Promise<Listed['conversations']> {
  return ((await h.router.handleInvoke('history.list', undefined)) as Listed).conversations
}

describe('history through the router', () => {
  it('keeps each finished item as it happens, with how much of an interrupted answer was heard', async () => {
    const h = await connected()
    const controller = h.controller()
    controller.emit({ type: 'history', items: [user('u1', 'What is the capital of Peru?')] })
    controller.emit({
      type: 'history',
      items: [user('u1', 'What is the capital of Peru?'), assistant('a1', 'Lima is', 'in_progress')]
    })
    let [summary] = await listed(h)
    expect(summary).toMatchObject({ title: 'What is the capital of Peru?', itemCount: 1 })
    controller.emit({
      type: 'history',
      items: [user('u1', 'What is the capital of Peru?'), assistant('a1', 'Lima is', 'incomplete')]
    })
    controller.emit({ type: 'truncated', itemId: 'a1', audioEndMs: 1200 })
    ;[summary] = await listed(h)
    const conversation = (await h.router.handleInvoke('history.get', { id: summary!.id })) as {
      items: { text: string; heardMs?: number; status: string }[]
      model: string
    }
    expect(conversation.items.map((item) => [item.text, item.status, item.heardMs])).toEqual([
      ['What is the capital of Peru?', 'completed', undefined],
      ['Lima is', 'incomplete', 1200]
    ])
    expect(conversation.model).toBe(DEFAULT_MODEL)
    expect(h.emitted.some((event) => event.channel === 'history.changed')).toBe(true)
  })

  it('keeps one conversation across Disconnect and Connect, and starts another on New conversation', async () => {
    const h = await connected()
    h.controller().emit({ type: 'history', items: [user('u1', 'first')] })
    await h.router.handleInvoke('session.stop', undefined)
    await h.router.handleInvoke('session.start', undefined)
    h.controller().emit({ type: 'history', items: [user('u1', 'first'), user('u2', 'again')] })
    expect((await listed(h)).map((entry) => [entry.title, entry.itemCount])).toEqual([['first', 2]])
    await h.router.handleInvoke('session.newConversation', undefined)
    h.controller().emit({ type: 'history', items: [user('u3', 'second')] })
    expect((await listed(h)).map((entry) => entry.title).sort()).toEqual(['first', 'second'])
  })

  it('goes on when the disk is full, says so, and saves again once it can', async () => {
    const h = await connected()
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    vi.mocked(fs.appendFileSync).mockImplementation(() => {
      throw full
    })
    h.controller().emit({ type: 'history', items: [user('u1', 'are you saving this?')] })
    const warning = h.emitted.filter((event) => event.channel === 'history.changed').at(-1)
    expect((warning?.payload as { problem: string }).problem).toContain('disk is full')
    const status = (await h.router.handleInvoke('history.status', undefined)) as {
      problem: string
    }
    expect(status.problem).toContain('not being saved')
    vi.mocked(fs.appendFileSync).mockRestore()
    h.controller().emit({
      type: 'history',
      items: [user('u1', 'are you saving this?'), assistant('a1', 'Now I am.')]
    })
    const [summary] = await listed(h)
    expect(summary?.itemCount).toBe(2)
    expect(
      (await h.router.handleInvoke('history.status', undefined)) as { problem: string | null }
    ).toMatchObject({ problem: null })
  })

  it('searches, renames, deletes with undo and exports', async () => {
    const h = await connected()
    h.controller().emit({
      type: 'history',
      items: [user('u1', 'Remind me to water the ferns'), assistant('a1', 'Ferns, noted.')]
    })
    const [summary] = await listed(h)
    const id = summary!.id
    const search = (await h.router.handleInvoke('history.search', { query: 'FERNS' })) as {
      hits: { snippet: { text: string; ranges: [number, number][] } }[]
    }
    const snippet = search.hits[0]!.snippet
    expect(snippet.ranges.map(([a, b]) => snippet.text.slice(a, b))).toEqual(['ferns', 'Ferns'])
    await h.router.handleInvoke('history.rename', { id, title: 'Plants' })
    expect((await listed(h))[0]?.title).toBe('Plants')
    await h.router.handleInvoke('history.delete', { id })
    expect(await listed(h)).toEqual([])
    await h.router.handleInvoke('history.restore', { id })
    expect((await listed(h))[0]?.id).toBe(id)
    const md = (await h.router.handleInvoke('history.export', { id, format: 'md' })) as {
      fileName: string
      content: string
    }
    expect(md.fileName).toBe(`hark-${id}.md`)
    expect(md.content).toContain('**You:** Remind me to water the ferns')
    expect(md.content).toContain('**Hark:** Ferns, noted.')
    const json = (await h.router.handleInvoke('history.export', { id, format: 'json' })) as {
      content: string
    }
    expect(JSON.parse(json.content)).toMatchObject({ id, title: 'Plants' })
    await h.router.handleInvoke('history.deleteAll', undefined)
    expect(await listed(h)).toEqual([])
  })

  it('continues an old conversation in a new session seeded with it, kept as a new one', async () => {
    const h = await connected()
    h.controller().emit({
      type: 'history',
      items: [user('u1', 'My name is Ada'), assistant('a1', 'Hello Ada.')]
    })
    const [old] = await listed(h)
    await h.router.handleInvoke('history.continue', { id: old!.id })
    const seed = h.controller().calls.find((call) => call.method === 'seedHistory')
    expect(seed).toMatchObject({
      items: [
        { itemId: 'u1', text: 'My name is Ada' },
        { itemId: 'a1', text: 'Hello Ada.' }
      ]
    })
    // The replayed items come back in the new session's history: they are not saved twice.
    h.controller().emit({
      type: 'history',
      items: [
        user('u1', 'My name is Ada'),
        assistant('a1', 'Hello Ada.'),
        user('u2', 'What is my name?')
      ]
    })
    const conversations = await listed(h)
    expect(conversations).toHaveLength(2)
    const fresh = conversations.find((entry) => entry.id !== old!.id)!
    const conversation = (await h.router.handleInvoke('history.get', { id: fresh.id })) as {
      continuedFrom: string
      items: { itemId: string }[]
    }
    expect(conversation.continuedFrom).toBe(old!.id)
    expect(conversation.items.map((item) => item.itemId)).toEqual(['u2'])
  })

  it('refuses ids that are not conversation ids, and says when one is gone', async () => {
    const h = await createHarness()
    for (const id of ['../settings', '', 'x'.repeat(500)]) {
      const error = (await h.router
        .handleInvoke('history.get', { id })
        .catch((caught: unknown) => caught)) as HarkError
      expect(error.code).toBe('invalid_input')
    }
    const gone = (await h.router
      .handleInvoke('history.get', { id: '20260101-000000-abcdef' })
      .catch((caught: unknown) => caught)) as HarkError
    expect(gone.message).toBe('That conversation is no longer in the history.')
  })

  it('stores nothing readable on disk (the fake key store encrypts)', async () => {
    const h = await connected()
    h.controller().emit({ type: 'history', items: [user('u1', 'the vault code is 4711')] })
    await listed(h)
    const dir = join(h.dir, 'history')
    for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
      if (entry.isFile())
        expect(readFileSync(join(entry.parentPath, entry.name), 'utf8')).not.toContain('4711')
  })
})
