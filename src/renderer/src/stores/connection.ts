import { create } from 'zustand'
import type { EventPayload } from '../../../shared/ipc'
import type { ErrorCode } from '../../../shared/realtime-events'

export type ConnectionStatus = EventPayload<'session.status'>['status']

export interface ConnectionState {
  status: ConnectionStatus
  reason: string | null
  code: ErrorCode | null
  /** The latest `error` event (or failed command) while the session lives. */
  errorMessage: string | null
}

interface ConnectionActions {
  statusChanged(payload: EventPayload<'session.status'>): void
  errorReported(code: ErrorCode | null, message: string): void
  errorDismissed(): void
}

export const useConnection = create<ConnectionState & ConnectionActions>()((set) => ({
  status: 'disconnected',
  reason: null,
  code: null,
  errorMessage: null,
  statusChanged: ({ status, reason, code }) =>
    set((state) => ({
      status,
      reason: reason ?? null,
      code: code ?? null,
      // A fresh attempt clears the previous error; a disconnect keeps it as the explanation.
      errorMessage: status === 'connecting' || status === 'reconnecting' ? null : state.errorMessage
    })),
  errorReported: (code, message) =>
    set((state) => ({ errorMessage: message, code: code ?? state.code })),
  errorDismissed: () => set({ errorMessage: null })
}))

const codeSentences: Record<ErrorCode, string> = {
  auth: 'OpenAI rejected the API key.',
  network: 'Hark could not reach the Realtime server.',
  rate_limit: 'OpenAI is rate-limiting this key. Try again in a moment.',
  server: 'The Realtime server reported a failure.',
  protocol: 'The Realtime server sent something Hark cannot use.',
  invalid_request: 'The Realtime server rejected a request (check the settings).',
  invalid_input: 'Hark could not send that input.',
  not_connected: 'Not connected.',
  tool: 'A local tool failed.',
  storage: 'Hark could not save a file on this computer.',
  unknown: 'Something went wrong.'
}

/** The human sentence for the status element. */
export function connectionSentence(state: ConnectionState): string {
  if (state.status === 'connecting') return 'Connecting…'
  // Main's reason names the attempt ("Reconnecting… (attempt 2 of 5)").
  if (state.status === 'reconnecting') return state.reason ?? 'Reconnecting…'
  if (state.status === 'connected') return 'Connected'
  if (state.reason) return state.reason
  if (state.code) return codeSentences[state.code]
  return 'Not connected'
}

/** A second line under the status: the latest error, when it adds something. */
export function connectionDetail(state: ConnectionState): string | null {
  const message = state.errorMessage
  if (!message || message === connectionSentence(state)) return null
  return message
}
