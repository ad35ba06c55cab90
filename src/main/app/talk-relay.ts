// Push-to-talk as main sees it, between the router and the session manager: a press while
// disconnected connects at once and keeps the microphone's chunks here until the session is up
// (then sends them in order, and commits if the key is already up), and a key-up that main itself
// saw (the global hotkey, the tray's Talk) commits here instead of waiting for the window to send
// ptt.up back. The window's last chunks still come after main's key-up (the microphone lives in
// the renderer: docs/architecture.md, "Audio path"), so main asks it to flush and commits on its
// ptt.up, the marker that follows its final chunk on the same ordered channel; a window that
// does not answer within FLUSH_WAIT_MS is committed without, and what it sends later is dropped
// and counted, so nothing reaches the server after `input_audio_buffer.commit`.
import { PCM_BYTES_PER_MS } from '../../shared/pcm'
import type { RealtimeLog } from '../realtime/event-bus'
import type { SetTimer } from './reconnect-policy'
import type { SessionManager } from './session-manager'

/**
 * Audio kept while the connection opens: 30 s of PCM16 24 kHz mono (1.44 MB). A connect takes
 * well under a second (a timeout ends it much earlier than 30 s); the cap only stops a hung connect from
 * growing main without end. Chunks over it are dropped and counted.
 */
export const MAX_PENDING_AUDIO_BYTES = 30_000 * PCM_BYTES_PER_MS

/**
 * How long main waits for the window's final chunks after a key-up it saw itself. The window
 * flushes its capture worklet (one render quantum, 5.3 ms at 24 kHz) and sends one IPC message;
 * 60 ms covers a busy renderer without a delay the user would hear in the answer.
 */
export const FLUSH_WAIT_MS = 60

export type RelaySession = Pick<
  SessionManager,
  'liveness' | 'start' | 'appendAudio' | 'pttDown' | 'pttUp' | 'pttCancel'
>

export interface TalkRelayDeps {
  session: RelaySession
  /** Asks the window to end its turn: stop capture, send its final chunks, then ptt.up. */
  askWindowToFlush: () => void
  setTimer: SetTimer
  log: RealtimeLog
}

interface Turn {
  /** Chunks held while the session opens, in capture order. */
  pending: Uint8Array[]
  pendingBytes: number
  /** ptt.down reached the session: chunks now go straight through. */
  live: boolean
  /** The key is up (the commit waits for the session). */
  released: boolean
}

export class TalkRelay {
  readonly #deps: TalkRelayDeps
  #turn: Turn | undefined
  /** The connect a press started (or Connect), shared by every press until it settles. */
  #connecting: Promise<void> | undefined
  /** Set while main waits for the window's final chunks; cancels the bounded wait. */
  #flushWait: (() => void) | undefined
  /** Main committed without the window's marker: its late chunks are dropped until the next press. */
  #closedEarly = false
  /** Chunks dropped (late after a commit, or over the pending cap) in this turn; logged at its end. */
  #dropped = { late: 0, overCap: 0 }

  constructor(deps: TalkRelayDeps) {
    this.#deps = deps
  }

  /** Connect (the Connect button, a press, a typed message); one attempt at a time. */
  connect(): Promise<void> {
    this.#connecting ??= this.#deps.session.start().then(
      () => {
        this.#connecting = undefined
        this.#sendHeldTurn()
      },
      (error: unknown) => {
        this.#connecting = undefined
        throw error
      }
    )
    return this.#connecting
  }

  /** The window's ptt.down. */
  down(): void {
    this.#endFlushWait()
    this.#closedEarly = false
    this.#dropped = { late: 0, overCap: 0 }
    const turn: Turn = { pending: [], pendingBytes: 0, live: false, released: false }
    this.#turn = turn
    const liveness = this.#deps.session.liveness
    if (liveness === 'connected') {
      this.#goLive(turn)
      return
    }
    // A reconnect under way opens the session by itself; otherwise the press connects.
    if (liveness === 'down')
      this.connect().catch(() => {
        // The session reported why (a status with its reason); the held audio goes.
        if (this.#turn === turn) this.#abandon('the connection failed')
      })
  }

  /** The window's audio.append: straight through, or held while the session opens. */
  append(pcm: Uint8Array): void {
    if (this.#closedEarly) {
      this.#dropped.late++
      return
    }
    const turn = this.#turn
    if (!turn || turn.live) {
      this.#deps.session.appendAudio(pcm)
      return
    }
    if (turn.pendingBytes + pcm.byteLength > MAX_PENDING_AUDIO_BYTES) {
      this.#dropped.overCap++
      return
    }
    turn.pending.push(pcm)
    turn.pendingBytes += pcm.byteLength
  }

  /** The window's ptt.up: its final chunk has been sent. Commits (now or once connected). */
  up(): void {
    this.#endFlushWait()
    if (this.#closedEarly) return
    this.#release()
  }

  /** The window's ptt.cancel, or a mute mid-turn: the turn goes without a commit. */
  cancel(): void {
    this.#endFlushWait()
    this.#closedEarly = false
    this.#turn = undefined
    this.#deps.session.pttCancel()
  }

  /**
   * A key-up main saw itself (the global hotkey, the tray): the window flushes, and the commit
   * happens on its ptt.up or after FLUSH_WAIT_MS, whichever is first.
   */
  releaseFromMain(): void {
    this.#deps.askWindowToFlush()
    if (!this.#turn || this.#turn.released || this.#flushWait) return
    this.#flushWait = this.#deps.setTimer(() => {
      this.#flushWait = undefined
      this.#deps.log('info', 'talk: the window did not flush in time; committed without it', {
        waitMs: FLUSH_WAIT_MS
      })
      this.#closedEarly = true
      this.#release()
    }, FLUSH_WAIT_MS)
  }

  /** The session is up (a reconnect, a Continue): a held turn goes out in order. */
  sessionConnected(): void {
    // A connect of ours replays the conversation after its status says connected: the held turn
    // follows the replay (connect() sends it), so the user's words come after the context.
    if (this.#connecting) return
    this.#sendHeldTurn()
  }

  /** The session ended (Disconnect, the idle time, a drop it gave up on): a held turn goes. */
  sessionEnded(): void {
    // During a connect, the end is the previous session's (a failed connect rejects connect()).
    if (this.#connecting) return
    if (this.#turn && !this.#turn.live) this.#abandon('the session ended')
  }

  /** Whether a turn is under way (the idle disconnect waits for it). */
  get busy(): boolean {
    return this.#turn !== undefined
  }

  #sendHeldTurn(): void {
    const turn = this.#turn
    if (!turn || turn.live || this.#deps.session.liveness !== 'connected') return
    this.#goLive(turn)
    if (turn.released) this.#commit()
  }

  #goLive(turn: Turn): void {
    this.#deps.session.pttDown()
    turn.live = true
    const pending = turn.pending
    turn.pending = []
    turn.pendingBytes = 0
    for (const pcm of pending) this.#deps.session.appendAudio(pcm)
    if (pending.length > 0)
      this.#deps.log('info', 'talk: sent the audio held while connecting', {
        chunks: pending.length
      })
  }

  #release(): void {
    const turn = this.#turn
    if (!turn) {
      // No press seen here (a ptt.up with nothing held): the session decides, as before.
      this.#deps.session.pttUp()
      return
    }
    turn.released = true
    if (turn.live) this.#commit()
  }

  #commit(): void {
    this.#turn = undefined
    this.#deps.session.pttUp()
    this.#logDrops()
  }

  #abandon(why: string): void {
    const turn = this.#turn
    this.#turn = undefined
    this.#deps.log('info', 'talk: dropped the audio held for a session that did not open', {
      why,
      chunks: turn?.pending.length ?? 0
    })
  }

  #endFlushWait(): void {
    if (this.#closedEarly) this.#logDrops()
    this.#flushWait?.()
    this.#flushWait = undefined
  }

  #logDrops(): void {
    const { late, overCap } = this.#dropped
    if (late + overCap === 0) return
    this.#deps.log('info', 'talk: dropped microphone chunks', { late, overCap })
    this.#dropped = { late: 0, overCap: 0 }
  }
}
