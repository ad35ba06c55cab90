import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { installProcessGuards } from './process-guards'

const KEY = 'sk-proj-abcdefghijklmnop0123'

function setup(): {
  target: EventEmitter
  lines: { level: string; message: string; data?: Record<string, unknown> }[]
  remove: () => void
} {
  const target = new EventEmitter()
  const lines: { level: string; message: string; data?: Record<string, unknown> }[] = []
  const remove = installProcessGuards(target, (level, message, data) =>
    lines.push({ level, message, ...(data ? { data } : {}) })
  )
  return { target, lines, remove }
}

describe('process guards', () => {
  it('logs an uncaught exception, redacted, and keeps the process alive', () => {
    const { target, lines } = setup()
    // With no listener, emitting 'uncaughtException' on a bare emitter would not throw either;
    // what matters is that a listener is there (Node exits when there is none).
    expect(target.listenerCount('uncaughtException')).toBe(1)
    target.emit('uncaughtException', new Error(`failed with Authorization: Bearer ${KEY}`))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 'error',
      message: 'uncaught exception: Hark keeps running'
    })
    expect(JSON.stringify(lines)).not.toContain(KEY)
    expect(JSON.stringify(lines)).toContain('failed with Authorization')
  })

  it('logs an unhandled rejection of any value, redacted', () => {
    const { target, lines } = setup()
    expect(target.listenerCount('unhandledRejection')).toBe(1)
    target.emit('unhandledRejection', { detail: `key ${KEY}` })
    target.emit('unhandledRejection', 10n)
    expect(lines.map((l) => l.message)).toEqual([
      'unhandled promise rejection: Hark keeps running',
      'unhandled promise rejection: Hark keeps running'
    ])
    expect(JSON.stringify(lines)).not.toContain(KEY)
  })

  it('survives a log that throws, and can be removed', () => {
    const target = new EventEmitter()
    const remove = installProcessGuards(target, () => {
      throw new Error('disk full')
    })
    expect(() => target.emit('uncaughtException', new Error('x'))).not.toThrow()
    remove()
    expect(target.listenerCount('uncaughtException')).toBe(0)
    expect(target.listenerCount('unhandledRejection')).toBe(0)
  })
})
