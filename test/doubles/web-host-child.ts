// The real browser host as a child process (tsx src/web-host/main.ts) and a minimal page-side
// client of its socket, for tests that kill it with SIGKILL: invokes, binary audio sends, events
// and binary replies (src/web-host/wire.ts).
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import {
  FRAME_AUDIO_APPEND,
  FRAME_AUDIO_DELTA,
  FRAME_BINARY_REPLY,
  decodeAudioFrame,
  encodeAudioFrame
} from '../../src/web-host/wire'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
export const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx')

/** Starts the host in its own process group (so a SIGKILL to -pid takes its children too). */
export function startHostChild(env: NodeJS.ProcessEnv): Promise<{ url: URL; child: ChildProcess }> {
  const child = spawn(tsx, [join(repoRoot, 'src/web-host/main.ts'), '--port', '0'], {
    cwd: repoRoot,
    env,
    detached: true
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      out += text
      const match = /Hark is running at (\S+)/.exec(out)
      if (match?.[1]) resolve({ url: new URL(match[1]), child })
    })
    child.on('exit', (code) => reject(new Error(`the browser host exited (${code}): ${out}`)))
  })
}

/** SIGKILL to the host's process group, resolved once it is gone. */
export async function killHostChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid, 'SIGKILL')
  await exited
}

export interface HostClient {
  invoke(channel: string, payload?: unknown): Promise<unknown>
  send(channel: string, payload?: unknown): void
  sendAudio(pcm: Uint8Array): void
  waitFor(predicate: (channel: string, payload: unknown) => boolean): Promise<void>
  close(): void
}

export async function openHostClient(url: URL): Promise<HostClient> {
  const socket = new WebSocket(
    `ws://${url.host}/hark-socket?token=${url.searchParams.get('token') ?? ''}`,
    { headers: { origin: url.origin } }
  )
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  let nextId = 1
  const replies = new Map<number, (value: unknown) => void>()
  const waiters: { predicate: (c: string, p: unknown) => boolean; done: () => void }[] = []
  const event = (channel: string, payload: unknown): void => {
    for (const waiter of [...waiters])
      if (waiter.predicate(channel, payload)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.done()
      }
  }
  socket.on('message', (data, isBinary) => {
    const bytes = new Uint8Array(data as Buffer)
    if (isBinary) {
      const frame = decodeAudioFrame(bytes)
      if (frame?.kind === FRAME_AUDIO_DELTA)
        event('audio.delta', { ...frame.header, pcm: frame.pcm })
      if (frame?.kind === FRAME_BINARY_REPLY)
        replies.get(frame.header['id'] as number)?.({ ok: true, value: frame.pcm })
      return
    }
    const message = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
      t: string
      id?: number
      channel?: string
      payload?: unknown
      reply?: unknown
    }
    if (message.t === 'reply' && message.id !== undefined) replies.get(message.id)?.(message.reply)
    if (message.t === 'event') event(message.channel ?? '', message.payload)
  })
  return {
    invoke(channel, payload) {
      const id = nextId++
      socket.send(JSON.stringify({ t: 'invoke', id, channel, payload }))
      return new Promise((resolve) => replies.set(id, resolve))
    },
    send(channel, payload) {
      socket.send(JSON.stringify({ t: 'send', channel, payload }))
    },
    sendAudio(pcm) {
      socket.send(encodeAudioFrame(FRAME_AUDIO_APPEND, {}, pcm))
    },
    waitFor(predicate) {
      return new Promise((done) => waiters.push({ predicate, done }))
    },
    close: () => socket.close()
  }
}
