import { describe, expect, it } from 'vitest'
import { ExitCode } from './exit-codes'
import type { ResponseUsage, TurnLatency } from '../../shared/turn-metrics'
import type { RealtimeCoreEvent } from '../../shared/realtime-events'
import {
  concatBytes,
  pcmChunk,
  runScriptedTurn,
  ScriptedController,
  spokenResponse,
  toolCallResponse,
  ZERO_USAGE
} from '../../../test/doubles/scripted-controller'

const chunks = [pcmChunk(0, 2400), pcmChunk(2400, 2400), pcmChunk(4800, 1200)]
const answer = ['It is ', 'noon ', 'in Paris.']

function answering(): ScriptedController {
  const controller = new ScriptedController()
  controller.onTurn = (c) =>
    c.play(
      spokenResponse({
        responseId: 'resp_1',
        itemId: 'item_1',
        words: answer,
        chunks,
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 }
      })
    )
  return controller
}

/** A turn_metrics event's parts, as the core would send them; the metrics line repeats them. */
const SCRIPTED_USAGE: ResponseUsage = {
  inputTokens: 7,
  outputTokens: 3,
  input: { text: 7, audio: 0, image: 0 },
  cachedInput: { text: 2, audio: 0, image: 0 },
  output: { text: 1, audio: 2 }
}
const SCRIPTED_LATENCY: TurnLatency = {
  startedBy: 'text',
  commitMs: 0,
  createdMs: 80,
  firstAudioMs: 190,
  heardMs: null,
  totalMs: null
}

/** Response 'r' (item 'i') costing $0.000176, plus what its input transcription cost. */
const scriptedMetrics = (
  transcriptionCostUsd: number,
  latency: TurnLatency | null
): RealtimeCoreEvent => ({
  type: 'turn_metrics',
  responseId: 'r',
  itemIds: ['i'],
  model: 'gpt-realtime-2.1',
  usage: SCRIPTED_USAGE,
  responseCostUsd: 0.000176,
  transcriptionCostUsd,
  costUsd: 0.000176 + transcriptionCostUsd,
  latency
})

describe('runTurn: a complete text turn', () => {
  it('sends the text, streams the transcript to stdout and returns the exact audio', async () => {
    const controller = answering()
    const { result, stdout } = await runScriptedTurn(controller)
    expect(controller.texts).toEqual(['What time is it?'])
    expect(stdout).toBe('It is noon in Paris.\n')
    expect(result.exitCode).toBe(ExitCode.ok)
    expect(result.errorMessage).toBeNull()
    expect(result.transcript).toBe('It is noon in Paris.')
    expect(result.audio).toEqual(concatBytes(chunks))
    expect(controller.stopCalls).toBe(1)
  })

  it('measures time to first audio from the moment the text was sent', async () => {
    let nowMs = 1000
    const controller = answering()
    controller.onConnect = () => (nowMs = 1040)
    controller.onTurn = (c) =>
      c.play([
        () => (nowMs = 1100),
        { type: 'response_started', responseId: 'r' },
        { type: 'transcript_delta', role: 'assistant', itemId: 'i', delta: 'Hi.' },
        () => (nowMs = 1290),
        { type: 'audio', responseId: 'r', itemId: 'i', pcm: pcmChunk(0, 4800) },
        () => (nowMs = 1500),
        scriptedMetrics(0, SCRIPTED_LATENCY),
        {
          type: 'response_done',
          responseId: 'r',
          status: 'completed',
          usage: { inputTokens: 7, outputTokens: 3, totalTokens: 10 }
        }
      ])
    const { result } = await runScriptedTurn(controller, {}, () => nowMs)
    expect(result.metrics).toEqual({
      type: 'metrics',
      connectMs: 40,
      timeToFirstAudioMs: 250,
      timeToFirstTranscriptMs: 60,
      turnMs: 460,
      audioMs: 200,
      audioBytes: 9600,
      inputAudioMs: null,
      responses: 1,
      toolCalls: 0,
      inputTokens: 7,
      outputTokens: 3,
      totalTokens: 10,
      usage: SCRIPTED_USAGE,
      costUsd: { totalUsd: 0.000176, responsesUsd: 0.000176, transcriptionUsd: 0 },
      latency: SCRIPTED_LATENCY
    })
  })

  it('--json prints every event as one JSON line, audio summarised, then the metrics', async () => {
    const { stdout } = await runScriptedTurn(answering(), { json: true })
    const lines = stdout.trimEnd().split('\n')
    const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(objects.map((o) => o['type'])).toEqual([
      'status', // connecting
      'status', // connected
      'response_started',
      'transcript_delta',
      'audio',
      'transcript_delta',
      'audio',
      'transcript_delta',
      'audio',
      'audio_done',
      'transcript_done',
      'response_done',
      'metrics'
    ])
    expect(objects.filter((o) => o['type'] === 'audio')).toEqual([
      { type: 'audio', responseId: 'resp_1', itemId: 'item_1', bytes: 4800 },
      { type: 'audio', responseId: 'resp_1', itemId: 'item_1', bytes: 4800 },
      { type: 'audio', responseId: 'resp_1', itemId: 'item_1', bytes: 2400 }
    ])
    expect(stdout).not.toContain('pcm')
    expect(objects.at(-1)).toMatchObject({
      type: 'metrics',
      audioMs: 250,
      audioBytes: 12000,
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 15
    })
    // The stop() after the turn emits a status; nothing after the metrics line.
    expect(stdout.endsWith('}\n')).toBe(true)
  })

  it('waits past a tool-call response for the answer that follows it', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) =>
      c.play([
        ...toolCallResponse({
          responseId: 'resp_tool',
          callId: 'call_1',
          name: 'get_current_time',
          usage: { inputTokens: 4, outputTokens: 2, totalTokens: 6 }
        }),
        // The SDK runs the tool and asks for the next response: a real round trip later.
        ...spokenResponse({
          responseId: 'resp_answer',
          itemId: 'item_2',
          words: answer,
          chunks,
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 }
        })
      ])
    const { result, stdout } = await runScriptedTurn(controller)
    expect(result.exitCode).toBe(ExitCode.ok)
    expect(stdout).toBe('It is noon in Paris.\n')
    expect(result.audio).toEqual(concatBytes(chunks))
    expect(result.metrics).toMatchObject({ responses: 2, toolCalls: 1, totalTokens: 21 })
  })

  it('treats a response that speaks and calls a tool as a preamble, not the answer', async () => {
    const controller = new ScriptedController()
    const preamble = spokenResponse({
      responseId: 'resp_1',
      itemId: 'item_1',
      words: ['Let me check.'],
      chunks: [pcmChunk(0, 480)]
    })
    const toolCall = { type: 'tool_call', callId: 'c', name: 'get_current_time', arguments: '{}' }
    preamble.splice(preamble.length - 1, 0, toolCall as (typeof preamble)[number])
    controller.onTurn = (c) =>
      c.play([
        ...preamble,
        ...spokenResponse({ responseId: 'resp_2', itemId: 'item_2', words: answer, chunks })
      ])
    const { result, stdout } = await runScriptedTurn(controller)
    expect(result.exitCode).toBe(ExitCode.ok)
    expect(stdout).toBe('Let me check.\nIt is noon in Paris.\n')
    expect(result.transcript).toBe('Let me check.\nIt is noon in Paris.')
    expect(result.audio).toEqual(concatBytes([pcmChunk(0, 480), ...chunks]))
  })

  it('prints the final transcript when no deltas came, and only the unsaid rest when some did', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) =>
      c.play([
        { type: 'response_started', responseId: 'r' },
        { type: 'transcript_delta', role: 'assistant', itemId: 'a', delta: 'Good ' },
        { type: 'transcript_done', role: 'assistant', itemId: 'a', text: 'Good morning.' },
        { type: 'transcript_done', role: 'user', itemId: 'u', text: 'hello' },
        { type: 'transcript_done', role: 'assistant', itemId: 'b', text: 'Anything else?' },
        { type: 'response_done', responseId: 'r', status: 'completed', usage: ZERO_USAGE }
      ])
    const { stdout, result } = await runScriptedTurn(controller)
    expect(stdout).toBe('Good morning.\nAnything else?\n')
    expect(result.transcript).toBe('Good morning.\nAnything else?')
  })
})

describe('runTurn: audio input', () => {
  it('streams the question in 100 ms chunks, commits, and times first audio from the commit', async () => {
    let nowMs = 0
    const pcm = new Int16Array(24_000 + 1200) // 1.05 s
    for (let i = 0; i < pcm.length; i++) pcm[i] = (i * 7) % 30000
    const controller = answering()
    controller.onAppend = () => (nowMs += 100)
    const turn = controller.onTurn
    controller.onTurn = (c) => {
      nowMs += 300
      return turn(c)
    }
    const { result } = await runScriptedTurn(
      controller,
      { request: { kind: 'audio', pcm } },
      () => nowMs
    )
    expect(controller.appended.map((chunk) => chunk.byteLength)).toEqual([
      ...Array<number>(10).fill(4800),
      2400
    ])
    expect(concatBytes(controller.appended)).toEqual(new Uint8Array(pcm.buffer))
    expect(controller.commits).toBe(1)
    expect(controller.texts).toEqual([])
    expect(result.exitCode).toBe(ExitCode.ok)
    expect(result.metrics.inputAudioMs).toBe(1050)
    expect(result.metrics.timeToFirstAudioMs).toBe(300)
  })

  it('exits 2 when the core refuses to commit too little audio', async () => {
    const controller = answering()
    controller.commitAccepted = false
    const { result } = await runScriptedTurn(controller, {
      request: { kind: 'audio', pcm: new Int16Array(480) }
    })
    expect(result.exitCode).toBe(ExitCode.usage)
    expect(result.errorMessage).toMatch(/too short/)
  })
})

describe('runTurn: a spoken question transcribed after the answer', () => {
  const metricsOf = (transcriptionCostUsd: number): RealtimeCoreEvent =>
    scriptedMetrics(transcriptionCostUsd, null)

  it('bills the late transcription to this turn in the metrics line', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) =>
      c.play([
        { type: 'response_started', responseId: 'r' },
        { type: 'audio', responseId: 'r', itemId: 'i', pcm: pcmChunk(0, 4800) },
        metricsOf(0),
        { type: 'response_done', responseId: 'r', status: 'completed', usage: ZERO_USAGE },
        // The question's transcription comes after the answer is done; the core re-sends the
        // turn's metrics with its cost (turn-metrics.ts).
        metricsOf(0.0085),
        { type: 'transcript_done', role: 'user', itemId: 'item_user', text: 'hello' }
      ])
    const { result } = await runScriptedTurn(controller, {
      request: { kind: 'audio', pcm: new Int16Array(4800) },
      awaitTranscription: true
    })
    expect(result.exitCode).toBe(ExitCode.ok)
    expect(result.metrics.costUsd).toEqual({
      totalUsd: 0.000176 + 0.0085,
      responsesUsd: 0.000176,
      transcriptionUsd: 0.0085
    })
  })
})
