// Responses with several message items (a spoken preamble, then the answer; reference §1) through
// the real core: every item's audio and captions arrive, tagged with their own item, in order,
// and a barge-in truncates only the item being heard, at its played position.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordCoreEvents } from '../doubles/core-event-recorder'
import { testRealtimeConfig } from '../doubles/realtime-config'
import { RealtimeController } from '../../src/main/realtime/controller'
import { concatBytes, pcmBytesToMs } from '../../src/shared/pcm'
import type { FakeRealtimeServer } from '../fake-realtime'
import { FAKE_API_KEY, startFakeRealtimeServer } from '../fake-realtime'

let server: FakeRealtimeServer
let controller: RealtimeController

beforeEach(async () => {
  server = await startFakeRealtimeServer({
    speed: 0,
    preamble: () => 'One moment.',
    reply: () => 'Here is the whole answer, after the preamble.'
  })
  controller = new RealtimeController(testRealtimeConfig(server.url, FAKE_API_KEY))
})

afterEach(async () => {
  await controller.stop()
  await server.close()
})

async function connected(): Promise<ReturnType<typeof recordCoreEvents>> {
  const recorder = recordCoreEvents(controller, 8000)
  await controller.start()
  return recorder
}

describe('a response with a preamble item and an answer item', () => {
  it('forwards both items’ audio in order, byte-identical, with captions and history', async () => {
    const { ofType, until } = await connected()
    controller.sendText('What is the answer?')
    await until('response_done')
    const [response] = await server.waitForResponses(1)
    const [preamble, answer] = response?.items ?? []
    expect(preamble && answer).toBeTruthy()
    const audio = ofType('audio')
    expect([...new Set(audio.map((event) => event.itemId))]).toEqual([
      preamble?.itemId,
      answer?.itemId
    ])
    // Buffer.equals: vitest's deep equality walks typed arrays element by element.
    const same = (a: Uint8Array, b: Uint8Array | undefined): boolean =>
      b !== undefined && Buffer.from(a).equals(Buffer.from(b))
    expect(same(concatBytes(audio.map((event) => event.pcm)), response?.audio)).toBe(true)
    for (const item of [preamble, answer]) {
      const forwarded = audio.filter((e) => e.itemId === item?.itemId).map((e) => e.pcm)
      expect(same(concatBytes(forwarded), concatBytes(item?.audio ?? []))).toBe(true)
    }
    const captions = ofType('transcript_done').filter((event) => event.role === 'assistant')
    expect(captions.map((event) => [event.itemId, event.text])).toEqual([
      [preamble?.itemId, 'One moment.'],
      [answer?.itemId, 'Here is the whole answer, after the preamble.']
    ])
    expect(ofType('audio_done').map((event) => event.itemId)).toEqual([
      preamble?.itemId,
      answer?.itemId
    ])
    const history = ofType('history').at(-1)?.items ?? []
    expect(history.filter((item) => item.role === 'assistant').map((item) => item.text)).toEqual([
      'One moment.',
      'Here is the whole answer, after the preamble.'
    ])
  })

  it('a barge-in on the second item truncates the second item only', async () => {
    server.setOptions({ speed: 1, chunkMs: 50, reply: () => 'A long answer. '.repeat(8) })
    const { ofType, until } = await connected()
    controller.sendText('Tell me')
    // Wait until the answer item streams; report the preamble fully heard, 60.5 ms of the answer.
    await until('audio_done')
    const answerAudio = await until('audio', ofType('audio').length + 2)
    const preamble = server.responses[0]?.items[0]
    expect(answerAudio.itemId).not.toBe(preamble?.itemId)
    controller.reportPlayback(
      preamble?.itemId ?? '',
      pcmBytesToMs(concatBytes(preamble?.audio ?? []).byteLength)
    )
    controller.reportPlayback(answerAudio.itemId, 60.5)
    controller.interrupt()
    const truncate = await server.waitForClientEvent('conversation.item.truncate')
    expect(truncate.event).toMatchObject({ item_id: answerAudio.itemId, audio_end_ms: 60 })
    expect(truncate.error).toBeNull()
    await until('response_done')
    const truncates = server.clientEvents.filter((e) => e.type === 'conversation.item.truncate')
    expect(truncates).toHaveLength(1)
    expect(ofType('truncated')).toEqual([
      { type: 'truncated', itemId: answerAudio.itemId, audioEndMs: 60 }
    ])
  })

  it('a barge-in while the preamble plays truncates the preamble, though the answer arrived', async () => {
    server.setOptions({ speed: 1, chunkMs: 50, preamble: () => 'One moment, let me think.' })
    const { ofType, until } = await connected()
    controller.sendText('Tell me')
    await until('audio_done') // the preamble's audio is all in; the answer's is arriving
    const preambleId = ofType('audio_done')[0]?.itemId ?? ''
    await until('audio', ofType('audio').length + 1)
    expect(ofType('audio').at(-1)?.itemId).not.toBe(preambleId)
    controller.reportPlayback(preambleId, 40.2)
    controller.interrupt()
    const truncate = await server.waitForClientEvent('conversation.item.truncate')
    expect(truncate.event).toMatchObject({ item_id: preambleId, audio_end_ms: 40 })
    expect(truncate.error).toBeNull()
    expect(ofType('audio_interrupted')).toEqual([{ type: 'audio_interrupted', itemId: preambleId }])
  })
})
