// One scenario of `npm run bench`, for bisecting and for before/after comparisons on a busy
// machine without the full run (~5 min alone): `npx tsx bench/one.ts <scenario>` with
// key-up | interrupt | paced | core-cpu (BENCH_TURNS and BENCH_RUNS as in run.ts; runs repeat the
// scenario).
// Prints the scenario's rows only; bench/results.json is left as the full run wrote it.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { measureCoreCpu } from './cpu'
import { measureLatency } from './latency'
import { launchChromium, makeSpeechWav, root } from './page'
import { measurePacedPlayout } from './playout'
import { formatTable, summarize, type Metric } from './stats'

const TURNS = Number(process.env['BENCH_TURNS'] ?? '20')
const RUNS = Number(process.env['BENCH_RUNS'] ?? '1')

type Scenario = () => Promise<Metric[]>

const metric = (name: string, samples: number[], unit: string, budget: number | null): Metric => ({
  name,
  samples,
  unit,
  budget,
  how: ''
})

async function inChromium<T>(
  use: (browser: Awaited<ReturnType<typeof launchChromium>>) => Promise<T>
): Promise<T> {
  if (!existsSync(resolve(root, 'out/renderer/index.html')))
    throw new Error('No renderer bundle in out/renderer: run `npm run -s build` first.')
  const browser = await launchChromium(makeSpeechWav())
  try {
    return await use(browser)
  } finally {
    await browser.close()
  }
}

const scenarios: Record<string, Scenario> = {
  'key-up': () =>
    inChromium(async (browser) => {
      const latency = await measureLatency(browser, TURNS)
      return [
        metric('key up → response.create on the wire', latency.keyUpToCreateMs, 'ms', 5),
        metric('  pointerup → ptt.up leaves the page', latency.keyUpToPttUpSentMs, 'ms', null),
        metric('  ptt.up at the host → response.create', latency.pttUpAtHostToCreateMs, 'ms', null),
        metric('  ptt.up from the page to the host', latency.pttUpHopMs, 'ms', null),
        metric('first sound, burst', latency.firstSoundBurstMs, 'ms', null),
        metric('interrupt → silence (audio)', latency.interruptToAudioSilenceMs, 'ms', 11)
      ]
    }),
  // The same push-to-talk conversation as key-up: every turn ends in a barge-in.
  interrupt: () =>
    inChromium(async (browser) => {
      const latency = await measureLatency(browser, TURNS)
      return [
        metric('interrupt → silence (audio)', latency.interruptToAudioSilenceMs, 'ms', 11),
        metric(
          'interrupt → the worklet’s flush reply at the page',
          latency.interruptToSilenceMs,
          'ms',
          null
        ),
        metric(
          '  pointerdown → flush posted to the worklet',
          latency.downToFlushPostedMs,
          'ms',
          null
        )
      ]
    }),
  paced: () =>
    inChromium(async (browser) => {
      const paced = await measurePacedPlayout(browser, TURNS)
      return [
        metric('first sound, paced 20 ms chunks', paced.firstSoundMs, 'ms', 25),
        metric('gaps per paced reply', paced.gaps, 'gaps', 1),
        metric('samples lost', paced.samplesLost, 'samples', 0)
      ]
    }),
  'core-cpu': async () => {
    const cpu = await measureCoreCpu()
    return [
      metric('main-process CPU, streaming both ways', cpu.percentOfCore, '% of one core', 2),
      metric(
        '  floor: bare ws client, same traffic',
        cpu.floorPercentOfCore,
        '% of one core',
        null
      ),
      metric('  floor: wake-ups alone', cpu.wakeOnlyPercentOfCore, '% of one core', null)
    ]
  }
}

async function main(): Promise<void> {
  const name = process.argv[2] ?? ''
  const scenario = scenarios[name]
  if (!scenario) {
    console.error(`usage: tsx bench/one.ts <${Object.keys(scenarios).join(' | ')}>`)
    process.exitCode = 2
    return
  }
  for (let run = 1; run <= RUNS; run++) {
    const results = summarize(await scenario())
    console.log(`${name}, run ${run} of ${RUNS}, ${new Date().toISOString()}`)
    console.log(formatTable(results))
  }
}

main().catch((error: unknown) => {
  console.error('bench:', error instanceof Error ? error.message : error)
  process.exitCode = 1
})
