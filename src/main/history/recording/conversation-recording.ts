// The recording of the live conversation, when the user turned "Record conversations" on: one
// stereo 24 kHz PCM16 WAV per conversation in history/recordings/, the microphone audio that was
// sent to the model on the left, the audio that was played on the right (docs/architecture.md,
// "Recordings"). The file is created at the first audio and linked to the conversation's history
// record once that exists. A failed write (a full disk) ends the recording, never the
// conversation: the window says so. Recordings are never logged (only their size).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { RealtimeCoreEvent } from '../../../shared/realtime-events'
import type { ConversationWriter } from '../history-store'
import { PlayedAudio } from './played-audio'
import { LEFT, RIGHT, RecordingTimeline } from './timeline'
import { WavStream } from './wav-stream'

export interface ConversationRecordingDeps {
  now: () => number
  /** The history's writer of the live conversation, once it has one. */
  historyWriter: () => ConversationWriter | null
  /** A sentence while the recording failed; null when it is fine again (a new conversation). */
  onProblem: (problem: string | null) => void
  log: (level: 'info' | 'warn', message: string, data?: Record<string, unknown>) => void
  newFileName: () => string
}

interface Live {
  folder: string
  stream: WavStream | null
  timeline: RecordingTimeline | null
  played: PlayedAudio
  linked: boolean
}

export class ConversationRecording {
  readonly #deps: ConversationRecordingDeps
  #live: Live | null = null
  #problem: string | null = null

  constructor(deps: ConversationRecordingDeps) {
    this.#deps = deps
  }

  get problem(): string | null {
    return this.#problem
  }

  /** A conversation is being recorded (or will be, at its first audio). */
  get active(): boolean {
    return this.#live !== null
  }

  /** A new conversation: recorded into `folder` (history/recordings) or, when null, not at all. */
  begin(folder: string | null): void {
    this.end()
    this.#setProblem(null)
    if (folder === null) return
    const live: Live = {
      folder,
      stream: null,
      timeline: null,
      played: new PlayedAudio((pieces) => this.#add(live, RIGHT, pieces)),
      linked: false
    }
    this.#live = live
  }

  /** The conversation ended (a new one, or Hark quits): the header gets its sizes. */
  end(): void {
    const live = this.#live
    this.#live = null
    if (!live?.stream) return
    this.#guard(live, () => {
      live.timeline?.finish()
      this.#link(live)
    })
    try {
      live.stream.finish()
      this.#deps.log('info', 'recording: finished', { bytes: live.stream.dataBytes })
    } catch (error) {
      this.#deps.log('warn', 'recording: could not be finished', { error: errorCode(error) })
    }
  }

  /** Microphone audio the session sent to the model (after the mute and the connection). */
  sent(pcm: Uint8Array): void {
    const live = this.#live
    if (live) this.#add(live, LEFT, [pcm])
  }

  /** The page's played position of an item (`playback.progress`). */
  played(itemId: string, playedMs: number, final: boolean): void {
    this.#live?.played.played(itemId, playedMs, final)
  }

  onEvent(event: Exclude<RealtimeCoreEvent, { type: 'status' }> | { type: 'status' }): void {
    const played = this.#live?.played
    if (!played) return
    if (event.type === 'audio') played.received(event.itemId, event.pcm)
    else if (event.type === 'audio_interrupted') played.interrupted(event.itemId)
    else if (event.type === 'truncated') played.truncated(event.itemId, event.audioEndMs)
  }

  #add(live: Live, side: typeof LEFT | typeof RIGHT, pieces: Uint8Array[]): void {
    if (this.#live !== live) return
    this.#guard(live, () => {
      if (!live.timeline) this.#open(live)
      live.timeline!.add(side, pieces)
      if (!live.linked) this.#link(live)
    })
  }

  #open(live: Live): void {
    mkdirSync(live.folder, { recursive: true, mode: 0o700 })
    const stream = WavStream.create(join(live.folder, this.#deps.newFileName()))
    live.stream = stream
    live.timeline = new RecordingTimeline({
      now: this.#deps.now,
      write: (frames) => stream.append(frames)
    })
    this.#deps.log('info', 'recording: started')
  }

  #link(live: Live): void {
    const writer = this.#deps.historyWriter()
    if (live.linked || !writer || !live.stream) return
    writer.putRecording(live.stream.path.slice(live.folder.length + 1))
    live.linked = true
  }

  /** Runs one step; a failure stops recording this conversation and is shown. */
  #guard(live: Live, step: () => void): void {
    try {
      step()
    } catch (error) {
      if (this.#live === live) this.#live = null
      try {
        live.stream?.finish()
      } catch {
        // The header stays unfinished; the next start's repair fixes it.
      }
      this.#deps.log('warn', 'recording: stopped', { error: errorCode(error) })
      this.#setProblem(problemSentence(error))
    }
  }

  #setProblem(problem: string | null): void {
    if (problem === this.#problem) return
    this.#problem = problem
    this.#deps.onProblem(problem)
  }
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string') return code
  return error instanceof Error ? error.name : 'unknown'
}

function problemSentence(error: unknown): string {
  const code = errorCode(error)
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return 'This conversation is no longer being recorded: the disk is full. The conversation goes on.'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return 'This conversation is not being recorded: Hark may not write to its recordings folder. The conversation goes on.'
  return `This conversation is no longer being recorded (${code}). The conversation goes on.`
}
