// Every invoke channel answered through the real core, and every reply checked against the
// contract's response schema: a handler that answers the wrong shape fails here.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeWav } from '../../shared/wav'
import { ipcContract, type InvokeChannel, type InvokeRequest } from '../../shared/ipc'
import { createHarness } from '../../../test/doubles/hark-main-harness'
import {
  KNOWN_CONVERSATION_ID as id,
  writePlainConversation
} from '../../../test/doubles/plain-conversation'
import { jpegHeaderOnly } from '../../../test/doubles/jpeg-header'

const KEY = 'sk-test-0123456789abcdef'

/** A legal request per channel; a channel added to the contract without one fails to compile. */
const sampleRequests: { [C in InvokeChannel]: InvokeRequest<C> } = {
  'session.start': undefined,
  'session.sendText': { text: 'hello' },
  'session.interrupt': undefined,
  'session.stop': undefined,
  'session.newConversation': undefined,
  'settings.get': undefined,
  'settings.set': { voice: 'marin' },
  'key.set': { key: KEY, persist: true },
  'key.status': undefined,
  'key.clear': undefined,
  'hotkey.status': undefined,
  'mic.status': undefined,
  'mic.setMuted': { muted: false },
  'app.capabilities': undefined,
  'app.openLogsFolder': undefined,
  // In this order: the conversation is read, changed, continued, then deleted.
  'history.status': undefined,
  'history.list': undefined,
  'history.search': { query: 'hello' },
  'history.get': { id },
  'history.rename': { id, title: 'Greeting' },
  'history.export': { id, format: 'md' },
  'history.recording': { id },
  'history.continue': { id },
  'history.delete': { id },
  'history.restore': { id },
  'history.deleteAll': undefined,
  'tools.overview': undefined,
  'tools.approve': { id: 'no-such-approval', always: false },
  'tools.deny': { id: 'no-such-approval' },
  'tools.setPolicy': { name: 'get_current_time', policy: 'run' },
  'tools.revoke': { name: 'read_clipboard' },
  // Loopback only, and nothing listens there: the server is added, fails, and is removed.
  'mcp.saveServer': { name: 'demo', config: { url: 'http://127.0.0.1:9/mcp' } },
  'mcp.removeServer': { name: 'demo' },
  'mcp.claudeServers': undefined,
  'mcp.importClaude': { names: ['no-such-server'] },
  'spend.status': undefined,
  'spend.continueOnce': undefined,
  'providerKey.set': { provider: 'azure', key: KEY, persist: true },
  'providerKey.statuses': undefined,
  'providerKey.clear': { provider: 'azure' },
  'update.status': undefined,
  'update.install': undefined,
  'assistants.get': undefined,
  'assistants.save': {
    version: 1,
    activeId: 'default',
    assistants: [
      {
        id: 'default',
        name: 'Hark',
        instructions: 'Be brief.',
        voice: 'alloy',
        model: 'gpt-realtime-2.1',
        url: 'wss://api.openai.com/v1/realtime',
        provider: 'openai',
        hotkey: null,
        toolPolicies: {}
      }
    ]
  },
  'assistants.switch': { id: 'default' },
  'screen.attach': { jpeg: jpegHeaderOnly(1280, 720) },
  'screen.captureFailed': { requestId: 'no-such-request', reason: 'Cancelled.' },
  'screen.discard': undefined,
  'screen.hotkeyProblem': undefined
}

describe('IPC router: replies', () => {
  it('answers every invoke channel with a reply its schema accepts', async () => {
    const h = await createHarness({ OPENAI_API_KEY: KEY })
    await h.router.handleInvoke('history.status', undefined)
    writePlainConversation(h.dir, id, encodeWav(new Uint8Array(400), 24_000, 2))
    for (const channel of Object.keys(sampleRequests) as InvokeChannel[]) {
      const reply = await h.router.answerInvoke(channel, sampleRequests[channel])
      expect(reply, channel).toMatchObject({ ok: true })
      if (!reply.ok) continue
      const checked = ipcContract[channel].response.safeParse(reply.value)
      expect(checked.success, `${channel}: ${JSON.stringify(reply.value)}`).toBe(true)
    }
  })

  it('answers a failure with its code instead of rejecting', async () => {
    const h = await createHarness()
    await expect(h.router.answerInvoke('session.start', undefined)).resolves.toMatchObject({
      ok: false,
      code: 'auth',
      message: expect.stringMatching(/^No API key is set\./) as unknown
    })
  })

  it('takes 20,000 CJK characters of instructions', async () => {
    const h = await createHarness()
    const instructions = '語'.repeat(20_000)
    const reply = await h.router.answerInvoke('settings.set', { instructions })
    expect(reply).toMatchObject({ ok: true, value: { settings: { instructions } } })
  })

  it('refuses what no schema would take with a "too large" sentence', async () => {
    const h = await createHarness()
    const reply = await h.router.answerInvoke('settings.set', { instructions: 'x'.repeat(300_000) })
    expect(reply).toEqual({
      ok: false,
      code: 'invalid_input',
      message: expect.stringMatching(
        /^That was too large for Hark to accept: settings\.set takes at most \d+ KB\.$/
      ) as unknown
    })
    expect(h.logs.map((l) => l.message)).toContain('ipc: oversized request dropped')
  })

  it.each([
    ['a line break', `${KEY}\r\nX-Evil: 1`],
    ['a tab', `sk-test\t0123456789`],
    ['a NUL', `sk-test\u00000123456789`],
    ['a space', 'sk-test 0123456789']
  ])('refuses a key with %s, without echoing it', async (_what, key) => {
    const h = await createHarness()
    const reply = await h.router.answerInvoke('key.set', { key, persist: true })
    expect(reply).toMatchObject({ ok: false, code: 'invalid_input' })
    expect(!reply.ok && reply.message).toMatch(/printable characters/)
    expect(JSON.stringify([reply, h.logs])).not.toContain('0123456789')
    expect(await h.router.handleInvoke('key.status', undefined)).toMatchObject({
      configured: false
    })
  })
})

describe('IPC router: a key that cannot be stored', () => {
  it('answers with the storage code, so the window can offer "this run only"', async () => {
    const h = await createHarness()
    // A folder where the key file goes: the atomic rename cannot replace it.
    await mkdir(join(h.dir, 'api-key.bin', 'inside'), { recursive: true })
    const reply = await h.router.answerInvoke('key.set', { key: KEY, persist: true })
    expect(reply).toMatchObject({ ok: false, code: 'storage' })
    expect(!reply.ok && reply.message).toMatch(/You can use it for this run only\.$/)
    expect(await h.router.answerInvoke('key.set', { key: KEY, persist: false })).toMatchObject({
      ok: true,
      value: { configured: true, source: 'this-run-only' }
    })
  })
})
