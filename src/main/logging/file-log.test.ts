import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFileLog, LOG_FILE_NAME } from './file-log'

const KEY = 'sk-test-0123456789abcdefghij'

describe('file log', () => {
  it('writes redacted one-line entries to main.log in the folder it is given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-log-'))
    const log = createFileLog({ dir })
    expect(log.path).toBe(join(dir, LOG_FILE_NAME))
    log.write('info', 'key store: key saved in secure storage')
    log.write('warn', `Realtime error with ${KEY}`, { apiKey: KEY, pcm: new Uint8Array(960) })
    log.write('debug', 'session: dropped a hot-path message while not connected', { what: 'x' })
    const lines = (await readFile(log.path, 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^\[\d{4}-\d\d-\d\d [\d:.]+\] \[info\]\s+key store: key saved/)
    expect(lines[1]).toMatch(
      /\[warn\]\s+Realtime error with sk-\[redacted\] \{"apiKey":"\[redacted\]","pcm":"\[960 bytes\]"\}$/
    )
    expect(lines.join('\n')).not.toContain('0123456789')
  })

  it('never throws, and still writes an entry holding a BigInt or a throwing getter', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-log-'))
    const log = createFileLog({ dir })
    const hostile = Object.defineProperty({}, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter')
      }
    })
    expect(() => log.write('info', 'usage', { total: 12n, hostile })).not.toThrow()
    expect(await readFile(log.path, 'utf8')).toContain(
      'usage {"total":"12n","hostile":{"boom":"[unreadable]"}}'
    )
  })

  it('writes debug entries only when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-log-'))
    const log = createFileLog({ dir, debug: true })
    log.write('debug', 'Dropping audio: not connected')
    expect(await readFile(log.path, 'utf8')).toMatch(/\[debug\]\s+Dropping audio/)
  })

  it('rotates by size and keeps the newest files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-log-'))
    const log = createFileLog({ dir, maxBytes: 2000, keep: 2 })
    for (let i = 0; i < 100; i++) log.write('info', `entry ${i} ${'.'.repeat(80)}`)
    expect((await readdir(dir)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    const current = await readFile(log.path, 'utf8')
    expect(current).toContain('entry 99 ')
    expect(current.length).toBeLessThan(2000 + 200)
    expect(await readFile(join(dir, 'main.1.log'), 'utf8')).not.toContain('entry 0 ')
  })
})
