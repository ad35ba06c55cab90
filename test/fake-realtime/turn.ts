// What the scripted "model" is told about the conversation when it has to answer, and the
// deterministic token estimate the fake reports as `usage`.
import { pcmBytesToMs } from '../../src/shared/pcm'
import type { Conversation } from './conversation'
import type { FakeTurn } from './options'
import type { WireItem } from './wire-types'

function newestUserMessage(items: readonly WireItem[]): WireItem | undefined {
  return items.findLast((i) => i.type === 'message' && i.role === 'user')
}

function triggerOf(item: WireItem | undefined): FakeTurn['trigger'] {
  if (!item) return 'none'
  if (item.type === 'function_call_output') return 'tool_output'
  if (item.type !== 'message' || item.role !== 'user') return 'none'
  return item.content.some((c) => c.type === 'input_audio') ? 'audio' : 'text'
}

function isInput(item: WireItem): boolean {
  return (item.type === 'message' && item.role === 'user') || item.type === 'function_call_output'
}

/**
 * `seenItemIds`: the items that were already there when an earlier response was asked for. What
 * the turn answers is the newest input added since: a message typed while a response ran lands
 * before that response's later output items, yet the next response is its answer.
 */
export function buildTurn(
  conversation: Conversation,
  context: Pick<FakeTurn, 'connectionIndex' | 'responseIndex' | 'instructions' | 'toolNames'>,
  seenItemIds: ReadonlySet<string> = new Set()
): FakeTurn {
  const items = conversation.items
  const newest = items.findLast(
    (item) => isInput(item) && (item.id === undefined || !seenItemIds.has(item.id))
  )
  const user = newestUserMessage(items)
  let userText: string | null = null
  let userAudioMs: number | null = null
  let userTranscript: string | null = null
  if (user?.type === 'message' && user.role === 'user' && user.id !== undefined) {
    const audio = user.content.find((c) => c.type === 'input_audio')
    if (audio) {
      userAudioMs = pcmBytesToMs(conversation.audioOf(user.id).byteLength)
      userTranscript = audio.transcript ?? null
    } else {
      userText = user.content
        .flatMap((c) => (c.type === 'input_text' ? [c.text ?? ''] : []))
        .join(' ')
    }
  }
  return {
    ...context,
    trigger: triggerOf(newest),
    userText,
    userAudioMs,
    userTranscript,
    toolOutput: newest?.type === 'function_call_output' ? newest.output : null,
    items
  }
}

/** ~4 characters per text token and ~10 tokens per second of input audio. */
export function estimateInputTokens(conversation: Conversation): { text: number; audio: number } {
  let chars = 0
  let audioMs = 0
  for (const item of conversation.items) {
    if (item.id !== undefined) audioMs += pcmBytesToMs(conversation.audioOf(item.id).byteLength)
    if (item.type === 'function_call_output') chars += item.output.length
    else if (item.type === 'function_call') chars += item.name.length + item.arguments.length
    else if (item.type === 'message')
      for (const c of item.content) {
        chars += (c.text ?? '').length
        if ('transcript' in c) chars += (c.transcript ?? '').length
      }
  }
  return { text: Math.ceil(chars / 4), audio: Math.ceil(audioMs / 100) }
}
