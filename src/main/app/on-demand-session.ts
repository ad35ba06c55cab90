// Connect on demand: what the router calls for the session. A press (window button, Space, the
// global hotkey, the tray's Talk) or a typed message while disconnected connects first, the talk
// relay holds the audio meanwhile, and an idle session closes by itself after the user's setting.
// Connect and Disconnect keep working as before; the session manager stays the one owner of the
// session and of the conversation replayed into each new one.
import type { Settings } from '../../shared/settings'
import type { RealtimeLog } from '../realtime/event-bus'
import type { IpcEventMessage, SessionEvent } from './event-mapping'
import { IDLE_DISCONNECT_REASON, IdleDisconnect } from './idle-disconnect'
import { realTimer, type SetTimer } from './reconnect-policy'
import type { SessionManager } from './session-manager'
import { TalkRelay } from './talk-relay'

/** The session as the router uses it. */
export interface RouterSession {
  start(): Promise<void>
  stop(): Promise<void>
  newConversation(): Promise<void>
  /** `assistantId`: which assistant hears it (assistant-sessions.ts); the active one if absent. */
  sendText(text: string, assistantId?: string): void | Promise<void>
  interrupt(): void
  appendAudio(pcm: Uint8Array): void
  reportPlayback(itemId: string, playedMs: number, final?: boolean): void
  pttDown(): void
  pttUp(): void
  pttCancel(): void
}

export interface OnDemandDeps {
  session: SessionManager
  readSettings: () => Promise<Settings>
  emit: (message: IpcEventMessage) => void
  log: RealtimeLog
  setTimer?: SetTimer
  now?: () => number
}

export interface OnDemandSession {
  /** What the router calls in place of the session manager. */
  readonly session: RouterSession
  /** A key-up main saw itself (hotkey, tray): commit without the window's round trip. */
  releaseFromMain(): void
  /** Mute mid-turn: the turn goes without a commit. */
  cancelTurn(): void
  /** Every event the session manager forwards. */
  onSessionEvent(event: SessionEvent): void
}

export function createOnDemandSession(deps: OnDemandDeps): OnDemandSession {
  const { session, log } = deps
  const setTimer = deps.setTimer ?? realTimer
  const relay = new TalkRelay({
    session,
    askWindowToFlush: () => deps.emit({ channel: 'hotkey.talkEnd', payload: undefined }),
    setTimer,
    log
  })
  const idle = new IdleDisconnect({
    setTimer,
    now: deps.now ?? (() => performance.now()),
    readIdleMinutes: async () => (await deps.readSettings()).idleDisconnectMinutes,
    isBusy: () => relay.busy,
    disconnect: async () => {
      log('info', 'session: disconnecting after the idle time')
      await session.stop()
      deps.emit({
        channel: 'session.status',
        payload: { status: 'disconnected', reason: IDLE_DISCONNECT_REASON }
      })
    }
  })
  const touched =
    <A extends unknown[], R>(action: (...args: A) => R) =>
    (...args: A): R => {
      idle.touch()
      return action(...args)
    }

  const routerSession: RouterSession = {
    start: () => relay.connect(),
    stop: () => session.stop(),
    newConversation: () => session.newConversation(),
    sendText: touched(async (text: string) => {
      // A typed message while disconnected connects first (a reconnect under way keeps it in
      // the session's outbox, which the new session replays).
      if (session.liveness === 'down') await relay.connect()
      session.sendText(text)
    }),
    interrupt: touched(() => session.interrupt()),
    appendAudio: touched((pcm: Uint8Array) => relay.append(pcm)),
    reportPlayback: touched((itemId: string, playedMs: number, final?: boolean) =>
      session.reportPlayback(itemId, playedMs, final)
    ),
    pttDown: touched(() => relay.down()),
    pttUp: touched(() => relay.up()),
    pttCancel: touched(() => relay.cancel())
  }

  return {
    session: routerSession,
    releaseFromMain: touched(() => relay.releaseFromMain()),
    cancelTurn: () => relay.cancel(),
    onSessionEvent(event) {
      if (event.type !== 'status') {
        idle.touch()
        return
      }
      if (event.status === 'connected') {
        relay.sessionConnected()
        idle.connected()
      }
      if (event.status === 'disconnected') {
        relay.sessionEnded()
        idle.disconnected()
      }
    }
  }
}
