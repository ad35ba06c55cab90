import type { JSX } from 'react'
import { connectionDetail, connectionSentence, useConnection } from '../stores/connection'
import { usePlayback } from '../stores/playback'
import { UsageSummary } from './UsageSummary'
import { SpendToday } from './SpendToday'

/** Connection status as a sentence, and the playback state, in fixed-height slots. */
export function StatusBar(): JSX.Element {
  const sentence = useConnection(connectionSentence)
  const detail = useConnection(connectionDetail)
  const status = useConnection((state) => state.status)
  const failed = useConnection((state) => state.status === 'disconnected' && state.code !== null)
  return (
    <div className="status" role="status">
      <span
        className={`status__dot status__dot--${failed ? 'error' : status}`}
        aria-hidden="true"
      />
      <span className="status__text">
        <span className="status__sentence">{sentence}</span>
        {detail && <span className="status__detail">{detail}</span>}
        <UsageSummary />
        <SpendToday />
      </span>
    </div>
  )
}

export function PlaybackIndicator(): JSX.Element {
  const state = usePlayback((playback) => playback.state)
  const problem = usePlayback((playback) => playback.problem)
  const label = problem
    ? 'Audio unavailable'
    : state === 'playing'
      ? 'Speaking'
      : state === 'buffering'
        ? 'Buffering'
        : 'Idle'
  return (
    <span
      className={`playback playback--${problem ? 'problem' : state}`}
      role="group"
      aria-label="Playback"
      title={problem ?? undefined}
    >
      <span className="playback__bars" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      {label}
    </span>
  )
}
