// The fake Realtime server in its own process, so the bench process's CPU and heap figures hold
// only the browser host and the core. Prints one JSON line with the URL, then runs until killed.
import { startFakeRealtimeServer } from '../test/fake-realtime/index'

const speed = Number(process.argv[2] ?? '1')
const replyChars = Number(process.argv[3] ?? '120')
// Optional: the session clock's speed-up, with the 60-minute limit enforced (the soak).
const sessionClockSpeed = Number(process.argv[4] ?? '1')
const enforceSessionLimit = process.argv[4] !== undefined
// Long replies without per-turn text: one sentence repeated to the asked length.
const sentence = 'This is a long answer from the fake model, spoken slowly for the bench. '
const reply = (): string => sentence.repeat(Math.ceil(replyChars / sentence.length))

const server = await startFakeRealtimeServer({
  speed,
  reply,
  // The same traffic every run: no random preamble items (they print a seed line on stdout too).
  preamble: () => null,
  sessionClockSpeed,
  enforceSessionLimit
})
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
const stop = (): void => void server.close().then(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
