// A deterministic Clock for tests: time moves only through advance()/advanceTo(), which fire the
// timers that fall due, in order.

import type { Clock, TimerHandle } from './hold-to-talk'

interface Timer {
  id: number
  dueMs: number
  fn: () => void
}

export class FakeClock implements Clock {
  private nowMs: number
  private nextId = 1
  private timers: Timer[] = []

  constructor(startMs = 1_000) {
    this.nowMs = startMs
  }

  now(): number {
    return this.nowMs
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, dueMs: this.nowMs + Math.max(0, ms), fn }
    this.timers.push(timer)
    return timer.id
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle)
  }

  get pendingTimers(): number {
    return this.timers.length
  }

  advance(ms: number): void {
    this.advanceTo(this.nowMs + ms)
  }

  advanceTo(targetMs: number): void {
    for (;;) {
      const due = this.timers
        .filter((t) => t.dueMs <= targetMs)
        .sort((a, b) => a.dueMs - b.dueMs || a.id - b.id)[0]
      if (due === undefined) break
      this.timers = this.timers.filter((t) => t.id !== due.id)
      this.nowMs = due.dueMs
      due.fn()
    }
    this.nowMs = Math.max(this.nowMs, targetMs)
  }
}
