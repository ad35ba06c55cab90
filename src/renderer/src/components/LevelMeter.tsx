import { useEffect, useRef } from 'react'
import type { JSX } from 'react'
import { useCapture } from '../stores/capture'

/** Speech measures about 0.1–0.3 RMS, so three times the RMS spans the meter. */
const meterValue = (level: number): number => Math.min(1, level * 3)

/**
 * The input level meter. The level changes 20 times a second (the capture worklet's 50 ms
 * window), so it is written to the element directly from the store: no React render at all,
 * neither of the meter nor of the talk button around it.
 */
export function LevelMeter(): JSX.Element {
  const meter = useRef<HTMLMeterElement>(null)
  useEffect(() => {
    const show = (level: number): void => {
      if (meter.current) meter.current.value = meterValue(level)
    }
    show(useCapture.getState().level)
    return useCapture.subscribe((state, previous) => {
      if (state.level !== previous.level) show(state.level)
    })
  }, [])
  return <meter ref={meter} className="ptt__meter" aria-label="Input level" min={0} max={1} />
}
