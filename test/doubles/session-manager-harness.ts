// A SessionManager on fake controllers, a fixed random source and a manual clock: every delay is
// a number the test reads or fires, nothing waits on the wall clock.
import { FakeController } from './fake-controller'
import { SessionManager } from '../../src/main/app/session-manager'
import type { SessionEvent } from '../../src/main/app/event-mapping'
import type { SetTimer } from '../../src/main/app/reconnect-policy'
import type { ConversationItem } from '../../src/shared/realtime-events'
import { defaultSettings } from '../../src/shared/settings'

export interface ManualTimer {
  delayMs: number
  /** On the manual clock. */
  dueMs: number
  callback: () => void
  cancelled: boolean
  fired: boolean
}

export interface ManagerHarness {
  manager: SessionManager
  controllers: FakeController[]
  events: SessionEvent[]
  /** Timers set since `live` (the backoff's, the rollover's…). */
  timers: ManualTimer[]
  logs: { message: string; data?: Record<string, unknown> }[]
  /** The manual clock, in ms. */
  clock: { now: number }
  statuses: () => unknown[]
  /** Fire the newest pending timer and let what it starts run. */
  fire: () => Promise<ManualTimer>
  /** Move the clock, firing due timers in order, letting each one's work run. */
  advance: (ms: number) => Promise<void>
  /** Start the session, give it a history, and forget the events and timers so far. */
  live: (items?: ConversationItem[]) => Promise<FakeController>
}

export const HISTORY: ConversationItem[] = [
  { itemId: 'item_u1', kind: 'message', role: 'user', text: 'Hi', status: 'completed' },
  { itemId: 'item_a1', kind: 'message', role: 'assistant', text: 'Hello!', status: 'completed' }
]

/** Let the manager's promise chains (settings, key, start) run to their next wait. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve))
}

export interface ManagerHarnessOptions {
  /** start() failures of the controllers after the first, in order (null = succeeds). */
  startFailures?: (Error | null)[]
  firstStartFailure?: Error | null
  /** What every controller's server says about the session's lifetime. */
  sessionLifetimeMs?: number
}

export function createManagerHarness(options: ManagerHarnessOptions = {}): ManagerHarness {
  const startFailures = [...(options.startFailures ?? [])]
  const controllers: FakeController[] = []
  const events: SessionEvent[] = []
  const timers: ManualTimer[] = []
  /** Every timer, also those `live` forgot: the clock fires them all. */
  const allTimers: ManualTimer[] = []
  const logs: ManagerHarness['logs'] = []
  const clock = { now: 0 }
  let nextId = 1
  const setTimer: SetTimer = (callback, delayMs) => {
    const timer = { delayMs, dueMs: clock.now + delayMs, callback, cancelled: false, fired: false }
    timers.push(timer)
    allTimers.push(timer)
    return () => {
      timer.cancelled = true
    }
  }
  const manager = new SessionManager({
    env: {},
    readSettings: () => Promise.resolve(defaultSettings()),
    readKey: () => Promise.resolve('sk-test-key'),
    createController: (config) => {
      const controller = new FakeController(config)
      controller.failStart =
        controllers.length === 0
          ? (options.firstStartFailure ?? null)
          : (startFailures.shift() ?? null)
      controller.sessionLifetimeMs = options.sessionLifetimeMs
      controllers.push(controller)
      return controller
    },
    onEvent: (event) => events.push(event),
    log: (_level, message, data) => logs.push({ message, ...(data ? { data } : {}) }),
    random: () => 0.5,
    setTimer,
    now: () => clock.now,
    newItemId: () => `item_typed_${nextId++}`
  })
  const statuses = (): unknown[] =>
    events.flatMap((event) => (event.type === 'status' ? [{ ...event }] : []))
  const fire = async (): Promise<ManualTimer> => {
    const timer = timers.at(-1)
    if (!timer || timer.cancelled || timer.fired) throw new Error('no pending timer')
    timer.fired = true
    timer.callback()
    await settle()
    return timer
  }
  const advance = async (ms: number): Promise<void> => {
    const target = clock.now + ms
    for (;;) {
      const due = allTimers
        .filter((timer) => !timer.cancelled && !timer.fired && timer.dueMs <= target)
        .sort((a, b) => a.dueMs - b.dueMs)[0]
      if (!due) break
      clock.now = Math.max(clock.now, due.dueMs)
      due.fired = true
      due.callback()
      await settle()
    }
    clock.now = target
  }
  const live = async (items: ConversationItem[] = HISTORY): Promise<FakeController> => {
    await manager.start()
    const controller = controllers.at(-1) as FakeController
    controller.emit({ type: 'history', items })
    events.length = 0
    timers.length = 0
    return controller
  }
  return { manager, controllers, events, timers, logs, clock, statuses, fire, advance, live }
}
