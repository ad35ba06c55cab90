// The stored result of Settings → Check for echo (src/renderer/src/audio/echo/echo-check.ts):
// what was measured, what the user was told, and what echo cancellation the platform granted.
import { z } from 'zod'

/** fine: Hark does not hear itself; pause: hands-free ignores the microphone while Hark speaks
 *  (unless the user is clearly louder); headphones: the echo is so loud that only headphones help. */
export const echoVerdicts = ['fine', 'pause', 'headphones'] as const
export type EchoVerdict = (typeof echoVerdicts)[number]

export const echoCheckResultSchema = z.object({
  /** ISO time of the check. */
  checkedAt: z.string().max(40),
  echo: z.boolean(),
  delayMs: z.number().finite().min(0).max(10_000).nullable(),
  levelDb: z.number().finite().min(-200).max(60).nullable(),
  verdict: z.enum(echoVerdicts),
  /** What getUserMedia granted (track.getSettings()); null where the browser does not say. */
  granted: z.object({
    echoCancellation: z.boolean().nullable(),
    noiseSuppression: z.boolean().nullable(),
    autoGainControl: z.boolean().nullable()
  })
})
export type EchoCheckResult = z.infer<typeof echoCheckResultSchema>
