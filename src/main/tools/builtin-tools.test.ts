import { describe, expect, it } from 'vitest'
import { createBuiltinTools } from './builtin-tools'
import { unavailableToolServices } from './desktop-tool-services'
import { runToolCall } from './tool-call'

function services(): { opened: string[]; clipboard: string[] } & Parameters<
  typeof createBuiltinTools
>[0] {
  const opened: string[] = []
  const clipboard: string[] = ['hello']
  return {
    opened,
    clipboard,
    readClipboardText: () => Promise.resolve(clipboard.at(-1) ?? ''),
    writeClipboardText: (text) => {
      clipboard.push(text)
      return Promise.resolve()
    },
    openExternal: (url) => {
      opened.push(url)
      return Promise.resolve()
    }
  }
}

const byName = (
  tools: ReturnType<typeof createBuiltinTools>,
  name: string
): ReturnType<typeof createBuiltinTools>[number] => {
  const found = tools.find((tool) => tool.name === name)
  if (!found) throw new Error(name)
  return found
}

describe('built-in tools', () => {
  it('has the clock on run and everything that reads or acts on ask', () => {
    const tools = createBuiltinTools(services())
    expect(Object.fromEntries(tools.map((t) => [t.name, t.defaultPolicy]))).toEqual({
      get_current_time: 'run',
      read_clipboard: 'ask',
      write_clipboard: 'ask',
      open_url: 'ask'
    })
  })

  it('opens https links and refuses every other scheme before anything runs', async () => {
    const desktop = services()
    const openUrl = byName(createBuiltinTools(desktop), 'open_url')
    await expect(runToolCall(openUrl, '{"url":"https://example.org/a"}')).resolves.toMatchObject({
      state: 'done'
    })
    for (const url of ['http://example.org', 'file:///etc/passwd', 'javascript:alert(1)'])
      await expect(runToolCall(openUrl, JSON.stringify({ url }))).resolves.toMatchObject({
        state: 'refused'
      })
    expect(desktop.opened).toEqual(['https://example.org/a'])
  })

  it('reads and writes the clipboard through the host’s services', async () => {
    const desktop = services()
    const tools = createBuiltinTools(desktop)
    await expect(runToolCall(byName(tools, 'read_clipboard'), '{}')).resolves.toEqual({
      state: 'done',
      output: 'hello'
    })
    await runToolCall(byName(tools, 'write_clipboard'), '{"text":"copied"}')
    expect(desktop.clipboard.at(-1)).toBe('copied')
  })

  it('says plainly when the host has no clipboard', async () => {
    const tools = createBuiltinTools(unavailableToolServices('the browser host'))
    await expect(runToolCall(byName(tools, 'read_clipboard'), '{}')).resolves.toEqual({
      state: 'failed',
      output: 'The tool read_clipboard failed: The clipboard is not available in the browser host.'
    })
  })

  it('tells the time with the clock tool', async () => {
    const clock = byName(
      createBuiltinTools(services(), () => new Date('2026-03-01T12:00:00Z')),
      'get_current_time'
    )
    const result = await runToolCall(clock, '{"timeZone":"Asia/Tokyo"}')
    expect(result.output).toContain('9:00:00 PM')
  })
})
