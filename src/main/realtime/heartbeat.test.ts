// The keepalive: a ping every 15 s, a socket with no pong 10 s later is terminated (the transport
// then reports a drop and the session manager reconnects). A manual clock, no wall time.
import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { ManualTimers } from '../../../test/doubles/manual-timers'
import { Heartbeat, type HeartbeatSocket } from './heartbeat'

class FakeSocket extends EventEmitter {
  readyState = 1
  pings = 0
  terminated = false
  answers = true
  ping(): void {
    this.pings++
    if (this.answers) queueMicrotask(() => this.emit('pong'))
  }
  terminate(): void {
    this.terminated = true
    this.readyState = 3
  }
}

function setup(): {
  socket: FakeSocket
  timers: ManualTimers
  heartbeat: Heartbeat
  dead: number[]
} {
  const timers = new ManualTimers()
  const dead: number[] = []
  const heartbeat = new Heartbeat({ timers, onDead: (ms) => dead.push(ms) })
  const socket = new FakeSocket()
  heartbeat.watch(socket as unknown as HeartbeatSocket)
  return { socket, timers, heartbeat, dead }
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('Heartbeat', () => {
  it('pings every 15 s and keeps a socket that answers', async () => {
    const { socket, timers, dead } = setup()
    timers.advance(14_999)
    expect(socket.pings).toBe(0)
    for (let i = 1; i <= 4; i++) {
      timers.advance(i === 1 ? 1 : 15_000)
      await flush()
      expect(socket.pings).toBe(i)
    }
    for (let i = 0; i < 8; i++) {
      timers.advance(7_500)
      await flush()
    }
    expect(socket.pings).toBe(8)
    expect(socket.terminated).toBe(false)
    expect(dead).toEqual([])
  })

  it('terminates a socket that does not answer within 10 s', async () => {
    const { socket, timers, dead } = setup()
    socket.answers = false
    timers.advance(15_000)
    expect(socket.pings).toBe(1)
    await flush()
    timers.advance(9_999)
    expect(socket.terminated).toBe(false)
    timers.advance(1)
    expect(socket.terminated).toBe(true)
    expect(dead).toEqual([10_000])
    expect(timers.active).toBe(0)
  })

  it('checkNow probes at once (resume from sleep), and finds a dead path 10 s later', () => {
    const { socket, timers, heartbeat, dead } = setup()
    socket.answers = false
    timers.advance(1_000)
    expect(socket.pings).toBe(0)
    heartbeat.checkNow()
    expect(socket.pings).toBe(1)
    timers.advance(9_999)
    expect(socket.terminated).toBe(false)
    timers.advance(1)
    expect(socket.terminated).toBe(true)
    expect(dead).toEqual([10_000])
  })

  it('stops with its socket: no timers left, no ping on a closed socket', () => {
    const { socket, timers, heartbeat } = setup()
    heartbeat.release(socket as unknown as HeartbeatSocket)
    expect(timers.active).toBe(0)
    timers.advance(60_000)
    expect(socket.pings).toBe(0)
  })
})
