// Hands-free barge-in with the real SDK against the fake Realtime server: the server's VAD
// interrupts a reply, main flushes the "renderer" at once, and the truncate waits for the
// renderer's post-flush position (docs/architecture.md, "Budgets": within one render quantum of what was played).
// The renderer is simulated: it answers `audio_interrupted` with its final position, as
// playback-engine.ts does with the worklet's flush reply.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { recordCoreEvents, type CoreEventRecorder } from '../doubles/core-event-recorder'
import { testRealtimeConfig } from '../doubles/realtime-config'
import { RealtimeController } from '../../src/main/realtime/controller'
import { CAPTURE_CHUNK_SAMPLES, PCM_BYTES_PER_SAMPLE } from '../../src/shared/pcm'
import type { FakeRealtimeServer } from '../fake-realtime'
import { FAKE_API_KEY, speechBytes, startFakeRealtimeServer } from '../fake-realtime'

const escaped: unknown[] = []
const recordEscape = (error: unknown): void => {
  escaped.push(error)
}

let server: FakeRealtimeServer
const controllers: RealtimeController[] = []

beforeEach(async () => {
  escaped.length = 0
  process.on('uncaughtException', recordEscape)
  process.on('unhandledRejection', recordEscape)
  // A long reply at real-time pacing, so that speech lands while it plays.
  server = await startFakeRealtimeServer({
    speed: 1,
    chunkMs: 50,
    reply: () => 'This answer is long enough to be interrupted. '.repeat(3)
  })
})

afterEach(async () => {
  for (const controller of controllers.splice(0)) await controller.stop()
  await server.close()
  await new Promise((resolve) => setTimeout(resolve, 20))
  process.off('uncaughtException', recordEscape)
  process.off('unhandledRejection', recordEscape)
  expect(escaped).toEqual([])
})

interface Session extends CoreEventRecorder {
  controller: RealtimeController
}

function handsFree(): Session {
  const controller = new RealtimeController(
    testRealtimeConfig(server.url, FAKE_API_KEY, { turnDetection: 'server_vad' })
  )
  controllers.push(controller)
  return { controller, ...recordCoreEvents(controller, 8000) }
}

function speak(controller: RealtimeController, pcm: Uint8Array): void {
  const chunkBytes = CAPTURE_CHUNK_SAMPLES * PCM_BYTES_PER_SAMPLE
  for (let offset = 0; offset < pcm.byteLength; offset += chunkBytes)
    controller.appendAudio(pcm.subarray(offset, offset + chunkBytes))
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** The renderer's answer to audio.flush: its exact final position, a few ms later. */
function renderer(
  controller: RealtimeController,
  flushReply: { playedMs: number; final?: boolean; afterMs: number } | null
): { flushedAtMs: number | undefined; reportedAtMs: number | undefined } {
  const seen: { flushedAtMs: number | undefined; reportedAtMs: number | undefined } = {
    flushedAtMs: undefined,
    reportedAtMs: undefined
  }
  controller.subscribe((event) => {
    if (event.type !== 'audio_interrupted' || event.itemId === null || !flushReply) return
    const { itemId } = event
    seen.flushedAtMs ??= performance.now()
    setTimeout(() => {
      seen.reportedAtMs = performance.now()
      controller.reportPlayback(itemId, flushReply.playedMs, flushReply.final ?? false)
    }, flushReply.afterMs)
  })
  return seen
}

/** Start a reply and let the "renderer" report periodically, as the worklet's ticks do. */
async function replyPlaying(session: Session): Promise<string> {
  await session.controller.start()
  session.controller.sendText('Tell me something long')
  const second = await session.until('audio', 2)
  session.controller.reportPlayback(second.itemId, 40.5)
  return second.itemId
}

describe('VAD barge-in truncation (real SDK, fake server)', () => {
  it('truncates at the post-flush report, not the last periodic one, with no cancel of its own', async () => {
    const session = handsFree()
    const seen = renderer(session.controller, { playedMs: 67.9, afterMs: 8 })
    const itemId = await replyPlaying(session)
    speak(session.controller, speechBytes('Wait, stop.'))
    await session.until('speech_started')
    const truncate = await server.waitForClientEvent('conversation.item.truncate')
    expect(truncate.event).toMatchObject({ item_id: itemId, content_index: 0, audio_end_ms: 67 })
    expect(truncate.error).toBeNull()
    // Flushed at once; the truncate waited for the report and went out once it settled.
    expect(seen.flushedAtMs).toBeDefined()
    expect(seen.reportedAtMs).toBeDefined()
    expect(session.ofType('audio_interrupted')).toEqual([{ type: 'audio_interrupted', itemId }])
    expect(session.ofType('truncated')).toEqual([{ type: 'truncated', itemId, audioEndMs: 67 }])
    const [interrupted] = await server.waitForResponses(1)
    expect(interrupted?.status).toBe('cancelled')
    // interrupt_response: the server cancelled by itself.
    expect(server.clientEvents.map((event) => event.type)).not.toContain('response.cancel')
    await wait(200)
    expect(server.clientEvents.filter((e) => e.type === 'conversation.item.truncate')).toHaveLength(
      1
    )
    expect(session.ofType('error')).toEqual([])
  })

  it('sends at once on a report marked final', async () => {
    const session = handsFree()
    const seen = renderer(session.controller, { playedMs: 71.2, final: true, afterMs: 5 })
    const itemId = await replyPlaying(session)
    speak(session.controller, speechBytes('Wait, stop.'))
    const truncate = await server.waitForClientEvent('conversation.item.truncate')
    expect(truncate.event).toMatchObject({ item_id: itemId, audio_end_ms: 71 })
    // Well inside the settle period an unmarked report would wait for.
    expect(performance.now() - (seen.reportedAtMs ?? 0)).toBeLessThan(30)
  })

  it('falls back to the last periodic report when the renderer never answers', async () => {
    const session = handsFree()
    const itemId = await replyPlaying(session)
    speak(session.controller, speechBytes('Wait, stop.'))
    await session.until('speech_started')
    const interruptedAt = performance.now()
    const truncate = await server.waitForClientEvent('conversation.item.truncate')
    expect(truncate.event).toMatchObject({ item_id: itemId, audio_end_ms: 40 })
    expect(truncate.error).toBeNull()
    expect(truncate.receivedAtMs - interruptedAt).toBeGreaterThanOrEqual(100)
  })

  it('a held truncate is dropped with its connection, never sent to the next one', async () => {
    const session = handsFree()
    const itemId = await replyPlaying(session)
    speak(session.controller, speechBytes('Wait, stop.'))
    await session.until('audio_interrupted')
    // Held: the renderer has not answered yet.
    expect(server.clientEvents.map((event) => event.type)).not.toContain(
      'conversation.item.truncate'
    )
    await session.controller.stop()
    await session.controller.start()
    // The renderer's flush reply arrives late, for an item of the old server session.
    session.controller.reportPlayback(itemId, 70)
    await wait(250)
    expect(server.connectionCount).toBe(2)
    expect(server.clientEvents.map((event) => event.type)).not.toContain(
      'conversation.item.truncate'
    )
    expect(session.ofType('truncated')).toEqual([])
    expect(session.ofType('error')).toEqual([])
  })
})
