import { create } from 'zustand'
import type { EventPayload } from '../../../shared/ipc'
import {
  applyAudioFlush,
  applyHistory,
  applyItemTruncated,
  applyTranscriptDelta,
  applyTranscriptDone,
  emptyConversation
} from './conversation-model'
import type { ConversationState } from './conversation-model'

interface ConversationActions {
  transcriptDelta(payload: EventPayload<'transcript.delta'>): void
  transcriptDone(payload: EventPayload<'transcript.done'>): void
  audioFlushed(payload: EventPayload<'audio.flush'>): void
  itemTruncated(payload: EventPayload<'item.truncated'>): void
  historyUpdated(payload: EventPayload<'history.updated'>): void
  cleared(): void
}

export const useConversation = create<ConversationState & ConversationActions>()((set) => ({
  ...emptyConversation(),
  transcriptDelta: (payload) => set((state) => applyTranscriptDelta(state, payload)),
  transcriptDone: (payload) => set((state) => applyTranscriptDone(state, payload)),
  audioFlushed: (payload) => set((state) => applyAudioFlush(state, payload)),
  itemTruncated: (payload) => set((state) => applyItemTruncated(state, payload)),
  historyUpdated: (payload) => set((state) => applyHistory(state, payload)),
  cleared: () => set(emptyConversation())
}))
