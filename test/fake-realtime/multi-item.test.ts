// Responses with a spoken preamble item before the answer item (reference §1): each item has its
// own output index, transcript and audio, and a cancel closes only the item still streaming.
import { afterEach, describe, expect, it } from 'vitest'
import { startFakeRealtimeServer, type FakeRealtimeOptions, type FakeRealtimeServer } from './index'
import { DEFAULT_PREAMBLE, randomPreamble } from './options'
import { RawClient, audioOf } from './raw-client'
import { joinBytes } from './audio-fixtures'

let server: FakeRealtimeServer | undefined
let client: RawClient | undefined

async function ready(options: Partial<FakeRealtimeOptions>): Promise<RawClient> {
  server = await startFakeRealtimeServer(options)
  client = await RawClient.connect(server.url)
  client.send({
    type: 'session.update',
    session: { type: 'realtime', audio: { input: { turn_detection: null } } }
  })
  await client.waitFor('session.updated')
  return client
}

afterEach(async () => {
  client?.close()
  await server?.close()
  client = undefined
  server = undefined
})

describe('multi-item responses', () => {
  it('sends the preamble item, then the answer item, in one response', async () => {
    const c = await ready({
      speed: 0,
      preamble: () => DEFAULT_PREAMBLE,
      reply: () => 'The answer.'
    })
    c.send({ type: 'response.create' })
    const done = await c.waitFor('response.done')
    const added = c.ofType('response.output_item.added')
    expect(added.map((e) => e['output_index'])).toEqual([0, 1])
    const [first, second] = added.map((e) => (e['item'] as { id: string }).id)
    expect(first).not.toBe(second)
    const transcripts = c.ofType('response.output_audio_transcript.done')
    expect(transcripts.map((e) => [e['item_id'], e['transcript']])).toEqual([
      [first, DEFAULT_PREAMBLE],
      [second, 'The answer.']
    ])
    const response = done['response'] as { output: { id: string; status: string }[] }
    expect(response.output.map((item) => [item.id, item.status])).toEqual([
      [first, 'completed'],
      [second, 'completed']
    ])
    // Every byte of both items reached the client, in order, as the recorder has it.
    const record = server?.responses[0]
    expect(record?.items.map((item) => item.itemId)).toEqual([first, second])
    const sent = Buffer.concat([audioOf(c.events, first), audioOf(c.events, second)])
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.equals(Buffer.from(record?.audio ?? []))).toBe(true)
    expect(
      Buffer.from(joinBytes(...(record?.items[1]?.audio ?? []))).equals(audioOf(c.events, second))
    ).toBe(true)
  })

  it('a cancel during the answer keeps the preamble completed and the answer incomplete', async () => {
    const c = await ready({
      speed: 1,
      chunkMs: 50,
      preamble: () => 'Hm.',
      reply: () => 'A long answer that is cut off. '.repeat(4)
    })
    c.send({ type: 'response.create' })
    await c.waitFor('response.output_item.added', 1)
    c.send({ type: 'response.cancel' })
    const done = await c.waitFor('response.done')
    const response = done['response'] as { status: string; output: { status: string }[] }
    expect(response.status).toBe('cancelled')
    expect(response.output.map((item) => item.status)).toEqual(['completed', 'incomplete'])
  })

  it('randomPreamble gives a preamble at the given rate, never to a tool output', () => {
    const values = [0.1, 0.9]
    const pick = randomPreamble(0.5, () => values.shift() ?? 0)
    const turn = { trigger: 'text' } as Parameters<typeof pick>[0]
    expect(pick(turn)).toBe(DEFAULT_PREAMBLE)
    expect(pick(turn)).toBeNull()
    expect(pick({ ...turn, trigger: 'tool_output' })).toBeNull()
  })
})
