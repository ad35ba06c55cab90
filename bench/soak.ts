// The 60-minute soak: a conversation driven through the core's router against the fake server
// (in a child) whose session clock runs SOAK_CLOCK_SPEED times faster with the 60-minute limit
// enforced, so that the session must be rolled over before it expires. Reports items lost (the
// final history must hold every turn), heap growth, how often "Reconnecting…" was shown, and the
// rollover's gap (the time the core had no session to take a command: replay + swap).
import { createHarkMain } from '../src/main/app/hark-main'
import { runOnlyCipher } from '../src/web-host/core'
import { FAKE_API_KEY } from '../test/fake-realtime/index'
import {
  changedWithin,
  heapGrowthTracker,
  reportPlayedToEnd,
  startFakeChild,
  withCore
} from './load'
import { sleep } from './page'
import type { Metric } from './stats'

/** 60 simulated minutes last 30 real seconds. */
const SOAK_CLOCK_SPEED = 120
/** A little past the limit, to show the conversation carries on after it. */
const SIMULATED_MINUTES = 66
/** Pauses after each answer, in real ms: the user thinks, sometimes long enough for a rollover. */
const PAUSES_MS = [300, 2500, 600, 1800]
const REPLY_CHARS = 60

interface HistoryItem {
  itemId: string
  role?: string
  text: string | null
}

export async function measureSoak(): Promise<Metric[]> {
  const heap = heapGrowthTracker()
  const { url, child } = await startFakeChild(0, REPLY_CHARS, SOAK_CLOCK_SPEED)
  try {
    return await withCore(url, async (dataDir, env) => {
      const gapsMs: number[] = []
      const router = createHarkMain({
        userDataDir: dataDir,
        env,
        cipher: runOnlyCipher,
        log: (_level, message, data) => {
          if (message.includes('rolled over') && typeof data?.['gapMs'] === 'number')
            gapsMs.push(data['gapMs'])
        }
      })
      let done = 0
      let reconnectingShown = 0
      let history: HistoryItem[] = []
      const receivedBytes = new Map<string, number>()
      router.subscribe((channel, payload) => {
        if (channel === 'response.done') done++
        if (
          channel === 'session.status' &&
          (payload as { status: string }).status === 'reconnecting'
        )
          reconnectingShown++
        if (channel === 'history.updated') history = (payload as { items: HistoryItem[] }).items
        if (channel === 'audio.delta') {
          const { itemId, pcm } = payload as { itemId: string; pcm: Uint8Array }
          receivedBytes.set(itemId, (receivedBytes.get(itemId) ?? 0) + pcm.byteLength)
        }
      })
      await router.handleInvoke('key.set', { key: FAKE_API_KEY, persist: false })
      await router.handleInvoke('session.start', undefined)
      const startedMs = performance.now()
      const simulatedMinutes = (): number =>
        ((performance.now() - startedMs) * SOAK_CLOCK_SPEED) / 60_000
      const asked: string[] = []
      let timedOut = 0
      for (let turn = 0; simulatedMinutes() < SIMULATED_MINUTES; turn++) {
        const text = `Turn ${turn}: remember the number ${turn * 7}.`
        asked.push(text)
        const before = done
        await router.handleInvoke('session.sendText', { text })
        if (!(await changedWithin(() => done, before, 10_000))) timedOut++
        reportPlayedToEnd(router, receivedBytes)
        heap.sample(turn)
        await sleep(PAUSES_MS[turn % PAUSES_MS.length] ?? 500)
      }
      // Let the last answer's history arrive.
      await sleep(300)
      await router.dispose()
      const userTexts = history.filter((item) => item.role === 'user').map((item) => item.text)
      const lost = asked.filter((text) => userTexts.filter((t) => t === text).length !== 1).length
      const answers = history.filter((item) => item.role === 'assistant' && item.text).length
      const lostAnswers = Math.max(0, asked.length - answers)
      return [
        {
          name: 'soak: items lost in a 60-min conversation',
          samples: [lost + lostAnswers],
          unit: 'items',
          budget: 0,
          how: `${SIMULATED_MINUTES} simulated minutes (fake session clock ×${SOAK_CLOCK_SPEED}, 60-min limit enforced), ${asked.length} typed turns, ${timedOut} timed out; the final history must hold each question exactly once and an answer for each (${lost} questions and ${lostAnswers} answers missing)`
        },
        {
          name: 'soak: heap growth over a 60-min conversation',
          samples: heap.growthMb,
          unit: 'MB',
          budget: 10,
          how: 'heapUsed after GC per turn minus after 2 warm-up turns, across the rollover(s)'
        },
        {
          name: 'soak: planned rollover gap',
          samples: gapsMs,
          unit: 'ms',
          budget: null,
          how: `${gapsMs.length} rollover(s): from the replay into the new session to its taking over (the old session serves until then; the new one connected beforehand, unseen)`
        },
        {
          name: 'soak: "Reconnecting…" shown',
          samples: [reconnectingShown],
          unit: 'times',
          budget: 0,
          how: 'session.status reconnecting events sent to the window during the soak: a planned rollover must not show one'
        }
      ]
    })
  } finally {
    child.kill('SIGTERM')
  }
}
