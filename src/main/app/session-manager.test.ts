// The session manager's reconnect after a dropped socket, with fake controllers, a fixed random
// source and a manual timer: every delay is asserted as a number, nothing waits on the clock.
import { describe, expect, it } from 'vitest'
import type { FakeController } from '../../../test/doubles/fake-controller'
import {
  HISTORY,
  createManagerHarness,
  settle,
  type ManagerHarness
} from '../../../test/doubles/session-manager-harness'
import { RealtimeCoreError } from '../realtime/controller-api'
import type { ConversationItem } from '../../shared/realtime-events'
import { RECONNECT_FAILED_REASON } from './reconnect-policy'

const setup = (
  startFailures: (Error | null)[] = [],
  firstStartFailure: Error | null = null
): ManagerHarness => createManagerHarness({ startFailures, firstStartFailure })

const networkFailure = (): RealtimeCoreError =>
  new RealtimeCoreError('network', 'Hark could not reach the Realtime server.')

describe('SessionManager reconnect', () => {
  it('reconnects after a drop, replays the conversation and reports connected', async () => {
    const { controllers, statuses, timers, fire, live } = setup()
    const dropped = await live()
    dropped.drop()
    expect(statuses()).toEqual([
      { type: 'status', status: 'reconnecting', reason: 'Reconnecting… (attempt 1 of 5)' }
    ])
    expect(timers.map((timer) => timer.delayMs)).toEqual([250])

    await fire()
    expect(controllers).toHaveLength(2)
    const fresh = controllers[1] as FakeController
    expect(fresh.calls).toEqual([{ method: 'start' }, { method: 'seedHistory', items: HISTORY }])
    // The attempt's own connecting/connected are not forwarded: only the manager's verdict.
    expect(statuses().slice(1)).toEqual([{ type: 'status', status: 'connected' }])
    expect(dropped.calls).toContainEqual({ method: 'stop' })
  })

  it('keeps replaying the history after a reconnect, and reconnects again after a second drop', async () => {
    const { controllers, statuses, fire, live } = setup()
    ;(await live()).drop()
    await fire()
    const second = controllers[1] as FakeController
    const longer = [
      ...HISTORY,
      { ...HISTORY[0], itemId: 'item_u2', text: 'Again' } as ConversationItem
    ]
    second.emit({ type: 'history', items: longer })
    second.drop()
    await fire()
    // The newest item is a question with no answer yet: the replay asks for it.
    expect((controllers[2] as FakeController).calls).toContainEqual({
      method: 'seedHistory',
      items: longer,
      respond: true
    })
    expect(statuses().at(-1)).toEqual({ type: 'status', status: 'connected' })
  })

  it('retries five times with growing jittered delays, then gives up with a sentence', async () => {
    const failures = Array.from({ length: 5 }, networkFailure)
    const { controllers, statuses, timers, fire, live } = setup(failures)
    ;(await live()).drop()
    for (let attempt = 0; attempt < 5; attempt++) await fire()
    expect(timers.map((timer) => timer.delayMs)).toEqual([250, 500, 1000, 2000, 4000])
    expect(controllers).toHaveLength(6)
    expect(statuses()).toEqual([
      ...[1, 2, 3, 4, 5].map((n) => ({
        type: 'status',
        status: 'reconnecting',
        reason: `Reconnecting… (attempt ${n} of 5)`
      })),
      { type: 'status', status: 'disconnected', reason: RECONNECT_FAILED_REASON, code: 'network' }
    ])
  })

  it('succeeds on a later attempt after failed ones', async () => {
    const { controllers, statuses, fire, live } = setup([networkFailure(), networkFailure()])
    ;(await live()).drop()
    for (let attempt = 0; attempt < 3; attempt++) await fire()
    expect(controllers).toHaveLength(4)
    expect((controllers[3] as FakeController).calls).toContainEqual({
      method: 'seedHistory',
      items: HISTORY
    })
    expect(statuses().at(-1)).toEqual({ type: 'status', status: 'connected' })
  })

  it('stops retrying when an attempt is refused for the key', async () => {
    const refused = new RealtimeCoreError('auth', 'OpenAI rejected the API key.')
    const { controllers, statuses, timers, fire, live } = setup([refused])
    ;(await live()).drop()
    await fire()
    expect(controllers).toHaveLength(2)
    expect(timers).toHaveLength(1)
    expect(statuses().at(-1)).toEqual({
      type: 'status',
      status: 'disconnected',
      reason: 'OpenAI rejected the API key.',
      code: 'auth'
    })
  })

  it('never reconnects after an auth disconnect, a user stop or a failed first start', async () => {
    const auth = setup()
    const controller = await auth.live()
    controller.end('Key revoked.', 'auth')
    expect(auth.timers).toHaveLength(0)
    expect(auth.statuses()).toEqual([
      { type: 'status', status: 'disconnected', reason: 'Key revoked.', code: 'auth' }
    ])

    const stopped = setup()
    await stopped.live()
    await stopped.manager.stop()
    expect(stopped.timers).toHaveLength(0)
    expect(stopped.controllers).toHaveLength(1)

    // A first connect that never got through is reported as it is (the user presses Connect).
    const neverUp = setup([], networkFailure())
    await expect(neverUp.manager.start()).rejects.toMatchObject({ code: 'network' })
    await settle()
    expect(neverUp.statuses().at(-1)).toMatchObject({ status: 'disconnected', code: 'network' })
    expect(neverUp.timers).toHaveLength(0)
  })

  it('stop() during the backoff cancels it and reports the session closed', async () => {
    const { manager, controllers, statuses, timers, live } = setup()
    ;(await live()).drop()
    await manager.stop()
    expect(timers[0]?.cancelled).toBe(true)
    await settle()
    expect(controllers).toHaveLength(1)
    expect(statuses()).toEqual([
      { type: 'status', status: 'reconnecting', reason: 'Reconnecting… (attempt 1 of 5)' },
      { type: 'status', status: 'disconnected', reason: 'The session was closed.' }
    ])
  })

  it('start() during the backoff cancels it and connects with the conversation kept', async () => {
    const { manager, controllers, statuses, timers, live } = setup()
    ;(await live()).drop()
    await manager.start()
    await settle()
    expect(timers[0]?.cancelled).toBe(true)
    expect(controllers).toHaveLength(2)
    expect((controllers[1] as FakeController).calls).toEqual([
      { method: 'start' },
      { method: 'seedHistory', items: HISTORY }
    ])
    expect(statuses().slice(1)).toEqual([
      { type: 'status', status: 'connecting' },
      { type: 'status', status: 'connected' }
    ])
  })
})
