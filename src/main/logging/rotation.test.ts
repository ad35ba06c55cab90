import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { rotatedName, rotateLogFiles } from './rotation'

describe('log rotation', () => {
  it('names older files main.1.log, main.2.log …', () => {
    expect(rotatedName('/logs/main.log', 2)).toBe(join('/logs', 'main.2.log'))
  })

  it('shifts the files and drops the oldest beyond the ones kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-rotate-'))
    const path = join(dir, 'main.log')
    for (let round = 1; round <= 5; round++) {
      await writeFile(path, `round ${round}`)
      rotateLogFiles(path, 3)
    }
    expect((await readdir(dir)).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log'])
    expect(await readFile(join(dir, 'main.1.log'), 'utf8')).toBe('round 5')
    expect(await readFile(join(dir, 'main.3.log'), 'utf8')).toBe('round 3')
  })

  it('with nothing to keep, deletes the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-rotate-'))
    await writeFile(join(dir, 'main.log'), 'x')
    rotateLogFiles(join(dir, 'main.log'), 0)
    expect(await readdir(dir)).toEqual([])
  })
})
