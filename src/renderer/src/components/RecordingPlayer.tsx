import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import { hark } from '../ipc/hark'
import { messageOf } from '../stores/errors'

/**
 * A conversation's recording in History: main reads the WAV and hands over its bytes
 * (`history.recording`, binary in Electron and over the browser host's socket); the page plays
 * them from a blob: URL that lives as long as the player.
 */
export function RecordingPlayer({ id }: { id: string }): JSX.Element {
  const [url, setUrl] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let objectUrl: string | null = null
    let cancelled = false
    hark()
      .history.recording({ id })
      .then((bytes) => {
        if (cancelled) return
        objectUrl = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }))
        setUrl(objectUrl)
      })
      .catch((reason: unknown) => {
        if (!cancelled) setError(messageOf(reason))
      })
    return () => {
      cancelled = true
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
  }, [id])
  if (error) return <p className="notice">{error}</p>
  return (
    <div className="history__recording">
      <span className="muted">Recording (you on the left, Hark on the right)</span>
      {url ? (
        <audio controls src={url} aria-label="Recording of this conversation" />
      ) : (
        <span className="muted">Loading the recording…</span>
      )}
    </div>
  )
}
