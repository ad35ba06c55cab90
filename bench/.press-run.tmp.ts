import { launchChromium, makeSpeechWav } from '/work/wt/h13a/bench/page'
import { measurePress } from '/work/wt/h13a/bench/press'
import { measureLatency } from '/work/wt/h13a/bench/latency'
import { percentile } from '/work/wt/h13a/bench/stats'
const browser = await launchChromium(makeSpeechWav())
const fmt = (v: number[]) => `p50 ${percentile(v, 50).toFixed(1)} p95 ${percentile(v, 95).toFixed(1)} n ${v.length}`
try {
  if (process.env.PRESS !== '0') {
    const s = await measurePress(browser, Number(process.env.TURNS ?? 8))
    for (const [k, v] of Object.entries(s)) console.log(k, fmt(v), JSON.stringify(v.map((x) => Math.round(x))))
  }
  if (process.env.LAT === '1') {
    const l = await measureLatency(browser, Number(process.env.TURNS ?? 8))
    console.log('keyUpToCreate', fmt(l.keyUpToCreateMs), 'upSent', fmt(l.keyUpToPttUpSentMs), 'hostToCreate', fmt(l.pttUpAtHostToCreateMs))
  }
} finally { await browser.close() }
