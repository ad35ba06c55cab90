// Recordings through main's router: off by default, on with the setting, linked to the
// conversation in History (listed, read as bytes, deleted and restored with it), and a write
// that fails (a full disk) ends the recording with a visible sentence while the conversation
// goes on.
import * as fs from 'node:fs'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { userItem } from '../../../test/doubles/conversation-items'
import { createHarness, type Harness } from '../../../test/doubles/hark-main-harness'
import { readStereoWav, splitChannels } from '../../../test/doubles/stereo-wav'

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  return { ...actual, writeSync: vi.fn(actual.writeSync) }
})

const KEY = 'sk-test-0123456789abcdef'
const chunk = (value: number): Uint8Array => new Uint8Array(960).fill(value)
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function connected(record: boolean): Promise<Harness> {
  const h = await createHarness({ OPENAI_API_KEY: KEY })
  if (record) await h.router.handleInvoke('settings.set', { recordConversations: true })
  await h.router.handleInvoke('session.start', undefined)
  return h
}

/** One spoken turn: microphone chunks sent, the user's item kept, the answer played. */
function turn(h: Harness): void {
  for (let i = 1; i <= 10; i++) h.router.handleSend('audio.append', chunk(i))
  h.controller().emit({ type: 'history', items: [userItem('u1', 'Hello there')] })
  h.controller().emit({ type: 'audio', responseId: 'r1', itemId: 'a1', pcm: chunk(200) })
  h.router.handleSend('playback.progress', { itemId: 'a1', playedMs: 20 })
}

interface Listed {
  conversations: { id: string; recording?: string }[]
}
const list = async (h: Harness): Promise<Listed['conversations']> =>
  ((await h.router.handleInvoke('history.list', undefined)) as Listed).conversations

const recordingsDir = (h: Harness): string => join(h.dir, 'history', 'recordings')

describe('recordings through the router', () => {
  it('records nothing while "Record conversations" is off (the default)', async () => {
    const h = await connected(false)
    turn(h)
    await h.router.handleInvoke('session.newConversation', undefined)
    expect(existsSync(recordingsDir(h))).toBe(false)
    expect((await list(h))[0]?.recording).toBeUndefined()
  })

  it('links the WAV to its conversation, reads it as bytes, and deletes it with it', async () => {
    const h = await connected(true)
    turn(h)
    await h.router.handleInvoke('session.newConversation', undefined)
    const [summary] = await list(h)
    expect(summary?.recording).toMatch(/^\d{8}-\d{6}-[0-9a-f]{6}\.wav$/)
    const path = join(recordingsDir(h), summary!.recording!)
    expect(fs.statSync(path).mode & 0o777).toBe(0o600)
    const { left, right } = splitChannels(readStereoWav(path))
    expect(left.subarray(0, 960)).toEqual(chunk(1))
    expect(right.filter((byte) => byte === 200)).toHaveLength(960)

    const bytes = (await h.router.handleInvoke('history.recording', {
      id: summary!.id
    })) as Uint8Array
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(bytes).equals(fs.readFileSync(path))).toBe(true)

    await h.router.handleInvoke('history.delete', { id: summary!.id })
    expect(existsSync(path)).toBe(false)
    await h.router.handleInvoke('history.restore', { id: summary!.id })
    expect(existsSync(path)).toBe(true)
    await h.router.handleInvoke('history.deleteAll', undefined)
    expect(existsSync(recordingsDir(h))).toBe(false)
    await expect(
      h.router.handleInvoke('history.recording', { id: summary!.id })
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('records only the chunks the engine sent (GPT-Live drops them while its microphone is muted)', async () => {
    const h = await connected(true)
    const controller = h.controller()
    const appendAudio = controller.appendAudio.bind(controller)
    controller.appendAudio = (pcm) => (pcm[0] === 9 ? false : appendAudio(pcm))
    h.router.handleSend('audio.append', chunk(8))
    h.router.handleSend('audio.append', chunk(9))
    h.router.handleSend('audio.append', chunk(10))
    h.controller().emit({ type: 'history', items: [userItem('u1', 'Hello there')] })
    await h.router.handleInvoke('session.newConversation', undefined)
    const [name] = readdirSync(recordingsDir(h))
    const { left } = splitChannels(readStereoWav(join(recordingsDir(h), name!)))
    expect(Buffer.from(left).equals(Buffer.concat([chunk(8), chunk(10)]))).toBe(true)
  })

  it('turning the setting off stops the recording at once', async () => {
    const h = await connected(true)
    turn(h)
    await h.router.handleInvoke('settings.set', { recordConversations: false })
    const [name] = readdirSync(recordingsDir(h))
    const path = join(recordingsDir(h), name!)
    const finished = readStereoWav(path)
    h.router.handleSend('audio.append', chunk(77))
    await h.router.handleInvoke('session.newConversation', undefined)
    expect(readStereoWav(path)).toEqual(finished)
    expect(readdirSync(recordingsDir(h))).toEqual([name])
  })

  it('a full disk stops the recording, says so, and the conversation goes on', async () => {
    const h = await connected(true)
    turn(h)
    vi.mocked(fs.writeSync).mockImplementation(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
    })
    try {
      // The next chunk makes the recording write once 500 ms (a block) are older than the 1 s
      // look-ahead window: the turn's audio, sent at once, ended about 20 ms after it began.
      await wait(1600)
      h.router.handleSend('audio.append', chunk(11))
      h.router.handleSend('audio.append', chunk(12))
    } finally {
      vi.mocked(fs.writeSync).mockRestore()
    }
    const statuses = h.emitted.filter((e) => e.channel === 'history.changed')
    expect(statuses.at(-1)?.payload).toMatchObject({
      problem: expect.stringMatching(/no longer being recorded: the disk is full/) as unknown
    })
    const sent = h.controller().calls.filter((call) => call.method === 'appendAudio')
    expect(sent).toHaveLength(12)
    // The file written before the failure stays a valid (repairable) WAV.
    const [name] = readdirSync(recordingsDir(h))
    expect(() => readStereoWav(join(recordingsDir(h), name!))).not.toThrow()
    // A new conversation records again, without the warning.
    await h.router.handleInvoke('session.newConversation', undefined)
    expect(h.emitted.filter((e) => e.channel === 'history.changed').at(-1)?.payload).toMatchObject({
      problem: null
    })
  })
})
