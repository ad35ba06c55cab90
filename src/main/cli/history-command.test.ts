// `history …` from the CLI: listing, showing, searching, exporting and deleting a data folder's
// history; the exit codes a script branches on; a turn kept only with --save.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeCipher } from '../../../test/doubles/fake-controller'
import {
  pcmChunk,
  ScriptedController,
  spokenResponse
} from '../../../test/doubles/scripted-controller'
import { openHistoryStore } from '../history/history-store'
import { ExitCode } from './exit-codes'
import { main } from './main'

let dir = ''
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hark-cli-history-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

interface Run {
  exitCode: number
  stdout: string
  stderr: string
}

async function cli(argv: string[], controller?: ScriptedController): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const exitCode = await main({
    argv,
    env: { HARK_DATA_DIR: dir, OPENAI_API_KEY: 'sk-test-key' },
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    ...(controller ? { createController: () => Promise.resolve(controller) } : {})
  })
  return { exitCode, stdout, stderr }
}

/** A conversation kept as the browser host keeps it: no key store, plain files agreed to. */
async function seed(keyStore = false): Promise<string> {
  const cipher = new FakeCipher()
  cipher.available = keyStore
  const store = await openHistoryStore({
    dataDir: dir,
    cipher,
    plainAllowed: true,
    writable: true
  })
  const writer = store.begin({ model: 'gpt-realtime', voice: 'marin' })
  writer.putItem({
    itemId: 'u1',
    kind: 'message',
    role: 'user',
    text: 'How tall is (the) Eiffel tower?',
    status: 'completed',
    atMs: 1
  })
  writer.putItem({
    itemId: 'a1',
    kind: 'message',
    role: 'assistant',
    text: 'About 330 metres',
    status: 'incomplete',
    heardMs: 1500,
    atMs: 2
  })
  return writer.id
}

describe('cli history', () => {
  it('lists, shows, searches and exports', async () => {
    const id = await seed()
    const list = await cli(['history', 'list'])
    expect(list).toMatchObject({ exitCode: 0, stderr: '' })
    expect(list.stdout).toContain(`${id}  `)
    expect(list.stdout).toContain('How tall is (the) Eiffel tower? (2 items)')
    const listed = JSON.parse((await cli(['history', 'list', '--json'])).stdout) as {
      conversations: { id: string }[]
    }
    expect(listed.conversations.map((entry) => entry.id)).toEqual([id])
    const show = await cli(['history', 'show', id])
    expect(show.stdout).toContain('You: How tall is (the) Eiffel tower?')
    expect(show.stdout).toContain('Hark: About 330 metres (interrupted, heard up to 1.5 s)')
    const search = await cli(['history', 'search', '(the)', 'EIFFEL', '--json'])
    const hits = (JSON.parse(search.stdout) as { hits: { id: string }[] }).hits
    expect(hits.map((hit) => hit.id)).toEqual([id])
    expect((await cli(['history', 'search', 'x'.repeat(10_000)])).stdout).toBe('')
    const md = await cli(['history', 'export', id, '--format', 'md'])
    expect(md.stdout).toContain('**You:** How tall is (the) Eiffel tower?')
    const out = join(dir, 'out.json')
    expect((await cli(['history', 'export', id, '--format', 'json', '--out', out])).exitCode).toBe(
      0
    )
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ id, model: 'gpt-realtime' })
  })

  it('deletes for good', async () => {
    const id = await seed()
    expect(await cli(['history', 'delete', id])).toEqual({
      exitCode: 0,
      stdout: `Deleted ${id}.\n`,
      stderr: ''
    })
    expect((await cli(['history', 'list'])).stdout).toBe('')
    expect(existsSync(join(dir, 'history', 'conversations', `${id}.jsonl`))).toBe(false)
  })

  it.each([
    ['show', []],
    ['export', ['--format', 'md']],
    ['delete', []]
  ])('history %s of an unknown id exits 2 with one line', async (command, extra) => {
    await seed()
    for (const id of ['20200101-000000-abcdef', '../settings']) {
      const run = await cli(['history', command, id, ...extra])
      expect(run.exitCode).toBe(ExitCode.usage)
      expect(run.stdout).toBe('')
      expect(run.stderr).toMatch(/^hark: No conversation '.+' in the history at .+\.\n$/)
    }
  })

  it('says in one line, exit 3, that an encrypted history cannot be read here', async () => {
    await seed(true)
    for (const argv of [
      ['history', 'list'],
      ['history', 'search', 'tower'],
      ['history', 'show', '20200101-000000-abcdef']
    ]) {
      const run = await cli(argv)
      expect(run.exitCode).toBe(ExitCode.auth)
      expect(run.stdout).toBe('')
      expect(run.stderr.split('\n')).toHaveLength(2)
      expect(run.stderr).toMatch(/^hark: The history in .+ is encrypted with a key kept by/)
    }
  })

  it('refuses a missing format or command with exit 2', async () => {
    const id = await seed()
    expect((await cli(['history', 'export', id])).exitCode).toBe(ExitCode.usage)
    expect((await cli(['history', 'frobnicate'])).exitCode).toBe(ExitCode.usage)
    expect((await cli(['history', 'search'])).exitCode).toBe(ExitCode.usage)
  })

  it('keeps a turn only with --save', async () => {
    const answering = (): ScriptedController => {
      const controller = new ScriptedController()
      controller.onTurn = (c) =>
        c.play(
          spokenResponse({
            responseId: 'r',
            itemId: 'i',
            words: ['Paris.'],
            chunks: [pcmChunk(0, 2400)]
          })
        )
      return controller
    }
    expect((await cli(['--text', 'Capital of France?'], answering())).exitCode).toBe(0)
    expect((await cli(['history', 'list'])).stdout).toBe('')
    expect((await cli(['--text', 'Capital of France?', '--save'], answering())).exitCode).toBe(0)
    const listed = JSON.parse((await cli(['history', 'list', '--json'])).stdout) as {
      conversations: { id: string; title: string }[]
    }
    expect(listed.conversations.map((entry) => entry.title)).toEqual(['Capital of France?'])
    const shown = await cli(['history', 'show', listed.conversations[0]!.id])
    expect(shown.stdout).toContain('Hark: Paris.')
  })
})
