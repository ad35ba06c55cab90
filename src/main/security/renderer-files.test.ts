import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { answerRendererRequest, requestPath } from './renderer-files'

async function rendererFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'hark-app-scheme-'))
  const dir = join(root, 'renderer')
  await mkdir(join(dir, 'assets'), { recursive: true })
  await writeFile(join(dir, 'index.html'), '<!doctype html>')
  await writeFile(join(dir, 'assets', 'app.js'), 'export {}')
  await writeFile(join(root, 'secret.txt'), 'outside')
  await symlink(join(root, 'secret.txt'), join(dir, 'assets', 'leak.js'))
  return dir
}

describe('the app:// scheme', () => {
  it('serves the page and its assets with their types', async () => {
    const dir = await rendererFolder()
    const page = await answerRendererRequest(new Request('app://hark/index.html'), dir, 'hark')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await page.text()).toBe('<!doctype html>')
    const script = await answerRendererRequest(new Request('app://hark/assets/app.js'), dir, 'hark')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
  })

  it.each([
    ['a path out of the folder', 'app://hark/../secret.txt'],
    ['an encoded one', 'app://hark/%2e%2e/secret.txt'],
    ['a symbolic link out of it', 'app://hark/assets/leak.js'],
    ['another host', 'app://evil/index.html'],
    ['a missing file', 'app://hark/nope.js']
  ])('refuses %s', async (_what, url) => {
    const dir = await rendererFolder()
    const response = await answerRendererRequest(new Request(url), dir, 'hark')
    expect(response.status).toBe(404)
    expect(await response.text()).not.toBe('outside')
  })

  it('refuses other methods and reads no URL that does not parse', async () => {
    const dir = await rendererFolder()
    const post = new Request('app://hark/index.html', { method: 'POST', body: 'x' })
    expect((await answerRendererRequest(post, dir, 'hark')).status).toBe(405)
    expect(requestPath('//[')).toBeNull()
    expect(requestPath('/a/b?c')).toBe('/a/b')
  })
})
