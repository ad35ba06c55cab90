// The main-thread side of capture (docs/architecture.md, "Audio path"): the microphone on the app's one 24 kHz
// AudioContext → capture worklet → `audio.append`. Also turns getUserMedia failures into
// sentences that say how to fix them, and follows the device going away.
import captureWorkletUrl from './capture-worklet.ts?worker&url'
import { CAPTURE_PROCESSOR_NAME } from './capture-protocol'
import type { FromCapture, ToCapture } from './capture-protocol'
import { strongestEchoCancellation } from './echo/echo-constraints'
import { describeMicrophoneError, MicrophoneProblem, silentDenial } from './microphone-errors'

export interface CaptureEngineHooks {
  /** The shared AudioContext (the playback engine owns it). */
  audioContext(): Promise<AudioContext | null>
  sendChunk(pcm: Uint8Array<ArrayBuffer>): void
  onLevel(rms: number): void
  /** A sentence for the user: what happened to the microphone and what Hark did about it. */
  onNotice(notice: string): void
  /** The microphone went away and no other one could be opened: how to fix it. */
  onProblem(problem: string): void
  /** Read at every open, so a changed setting applies at the next (re)open. */
  preferences(): CapturePreferences
}

export interface CapturePreferences {
  /** The chosen microphone's label; '' = the system default. */
  deviceLabel: string
  autoGainControl: boolean
}

/** The id of the input device with this label now, or null (default / not plugged in). */
export async function deviceIdFor(label: string): Promise<string | null> {
  if (!label) return null
  const devices = await navigator.mediaDevices.enumerateDevices()
  return devices.find((d) => d.kind === 'audioinput' && d.label === label)?.deviceId ?? null
}

/** A worklet answers a flush within a render quantum (5.3 ms); main waits 60 ms at most. */
const FLUSH_TIMEOUT_MS = 40

/** How long a track that starts muted may take to unmute before we call it a silent denial. */
const UNMUTE_GRACE_MS = 1000

function waitForUnmute(track: MediaStreamTrack): Promise<boolean> {
  if (!track.muted) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(!track.muted), UNMUTE_GRACE_MS)
    track.addEventListener(
      'unmute',
      () => {
        clearTimeout(timer)
        resolve(true)
      },
      { once: true }
    )
  })
}

export class CaptureEngine {
  readonly #hooks: CaptureEngineHooks
  /** The label of the chosen device we failed to find (or lost), so its return can be noticed. */
  #missingLabel: string | null = null
  #stream: MediaStream | null = null
  #source: MediaStreamAudioSourceNode | null = null
  #node: AudioWorkletNode | null = null
  #opening: Promise<void> | null = null
  /** Worklet modules belong to one context; load ours once per context. */
  #moduleContext: BaseAudioContext | null = null
  /** Whether the page asked for chunks: survives a switch to another device. */
  #talking = false
  /** Ends a finishTalking() at the worklet's marker. */
  #flushed: (() => void) | null = null
  /** Bumped by close(), so an open that finishes after it releases what it got. */
  #generation = 0
  readonly #onDeviceChange = (): void => void this.#checkDevice()

  constructor(hooks: CaptureEngineHooks) {
    this.#hooks = hooks
  }

  get isOpen(): boolean {
    return this.#node !== null
  }

  /** Open the microphone (once); rejects with an error `describeMicrophoneError` explains. */
  open(): Promise<void> {
    this.#opening ??= this.#open().catch((error: unknown) => {
      this.#opening = null
      throw error
    })
    return this.#opening
  }

  /** Start sending chunks. */
  talk(): void {
    this.#talking = true
    this.#post({ type: 'talk' })
  }

  /**
   * Stop sending, at once: chunks the worklet posted before it hears of this are dropped here,
   * so the caller may commit the turn right away and nothing lands after the commit.
   */
  stopTalking(): void {
    this.#talking = false
    this.#post({ type: 'stop' })
  }

  /**
   * Stop sending once every sample captured so far has been sent (the worklet's partial chunk
   * and the chunks on their way from it). Resolves at the worklet's marker, or after
   * FLUSH_TIMEOUT_MS when it does not answer (then as stopTalking).
   */
  finishTalking(): Promise<void> {
    const node = this.#node
    if (!node || !this.#talking) {
      this.stopTalking()
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.#flushed = null
        this.#talking = false
        resolve()
      }
      const timer = setTimeout(() => {
        this.#post({ type: 'stop' })
        done()
      }, FLUSH_TIMEOUT_MS)
      this.#flushed = done
      this.#post({ type: 'flush' })
    })
  }

  /** Release the microphone (the OS indicator goes off). */
  close(): void {
    navigator.mediaDevices.removeEventListener('devicechange', this.#onDeviceChange)
    this.#source?.disconnect()
    this.#node?.disconnect()
    if (this.#node) this.#node.port.onmessage = null
    for (const track of this.#stream?.getTracks() ?? []) track.stop()
    this.#stream = null
    this.#source = null
    this.#node = null
    this.#opening = null
    this.#flushed?.()
    this.#generation++
  }

  #post(message: ToCapture): void {
    this.#node?.port.postMessage(message)
  }

  async #open(): Promise<void> {
    const generation = this.#generation
    const context = await this.#hooks.audioContext()
    if (!context)
      throw new MicrophoneProblem('Hark cannot use the microphone: audio failed to start.')
    const { deviceLabel, autoGainControl } = this.#hooks.preferences()
    const deviceId = await deviceIdFor(deviceLabel)
    this.#missingLabel = deviceLabel && !deviceId ? deviceLabel : null
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        // 'exact' would fail if the id went stale between enumerate and open; 'ideal' falls back.
        ...(deviceId ? { deviceId: { ideal: deviceId } } : {}),
        ...strongestEchoCancellation(),
        autoGainControl,
        channelCount: 1
      }
    })
    const track = stream.getAudioTracks()[0]
    // macOS denies silently: getUserMedia succeeds but the track is ended or stays muted.
    if (!track || track.readyState === 'ended' || !(await waitForUnmute(track))) {
      for (const t of stream.getTracks()) t.stop()
      throw silentDenial()
    }
    if (this.#moduleContext !== context) {
      await context.audioWorklet.addModule(captureWorkletUrl)
      this.#moduleContext = context
    }
    if (generation !== this.#generation) {
      for (const t of stream.getTracks()) t.stop()
      throw new MicrophoneProblem('The microphone was closed while it was opening.')
    }
    const node = new AudioWorkletNode(context, CAPTURE_PROCESSOR_NAME, {
      numberOfInputs: 1,
      // One silent output pulled by the destination keeps the node rendering in every browser.
      numberOfOutputs: 1,
      outputChannelCount: [1],
      channelCount: 1,
      channelCountMode: 'explicit'
    })
    node.port.onmessage = (event: MessageEvent<FromCapture>): void => this.#onMessage(event.data)
    const source = context.createMediaStreamSource(stream)
    source.connect(node)
    node.connect(context.destination)
    track.addEventListener('ended', () => void this.#deviceLost(stream))
    navigator.mediaDevices.addEventListener('devicechange', this.#onDeviceChange)
    this.#stream = stream
    this.#source = source
    this.#node = node
    if (this.#missingLabel)
      this.#hooks.onNotice(
        `Your microphone “${this.#missingLabel}” is not connected; using the default microphone.`
      )
  }

  #onMessage(message: FromCapture): void {
    if (message instanceof ArrayBuffer) {
      if (this.#talking) this.#hooks.sendChunk(new Uint8Array(message))
      return
    }
    if (message.type === 'flushed') {
      this.#flushed?.()
      return
    }
    this.#hooks.onLevel(message.rms)
  }

  /**
   * `devicechange`: the chosen microphone (by label) may have gone or come back. Device ids are
   * not enough: the track of an unplugged device does not always end, and a device that returns
   * gets a new id.
   */
  async #checkDevice(): Promise<void> {
    const stream = this.#stream
    if (!stream) return
    const { deviceLabel } = this.#hooks.preferences()
    const devices = await navigator.mediaDevices.enumerateDevices()
    if (stream !== this.#stream) return
    const inputs = devices.filter((d) => d.kind === 'audioinput')
    if (deviceLabel && this.#missingLabel === deviceLabel) {
      if (inputs.some((d) => d.label === deviceLabel))
        await this.#reopen(stream, `Your microphone “${deviceLabel}” is back; using it again.`)
      return
    }
    if (deviceLabel && !inputs.some((d) => d.label === deviceLabel)) {
      await this.#deviceLost(stream)
      return
    }
    const deviceId = stream.getAudioTracks()[0]?.getSettings().deviceId
    if (deviceId && !inputs.some((d) => d.deviceId === deviceId)) await this.#deviceLost(stream)
  }

  /** Switch to the default microphone; the session stays connected. */
  async #deviceLost(stream: MediaStream): Promise<void> {
    const { deviceLabel } = this.#hooks.preferences()
    await this.#reopen(
      stream,
      deviceLabel
        ? `Your microphone “${deviceLabel}” was disconnected; using the default microphone.`
        : 'The microphone in use went away; Hark switched to the default one.'
    )
  }

  /** Open again with the current preferences (e.g. a changed device setting); keeps talking. */
  async reopen(): Promise<void> {
    if (this.#stream) await this.#reopen(this.#stream, null)
  }

  async #reopen(stream: MediaStream, notice: string | null): Promise<void> {
    if (stream !== this.#stream) return
    const talking = this.#talking
    this.close()
    try {
      await this.open()
      if (talking) this.talk()
      if (notice) this.#hooks.onNotice(notice)
    } catch (error) {
      this.#hooks.onProblem(describeMicrophoneError(error))
    }
  }
}
