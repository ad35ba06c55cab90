import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import type { UpdateStatus } from '../../../shared/updates'
import { hark } from '../ipc/hark'

/**
 * "Restart to update" once main has downloaded and verified a new version (issue 14). Never
 * shown before: checking and downloading happen quietly, and nothing installs without this
 * button or a quit while no conversation is connected.
 */
export function UpdateNotice(): JSX.Element | null {
  const [status, setStatus] = useState<UpdateStatus | null>(null)
  const [failed, setFailed] = useState<string | null>(null)
  useEffect(() => {
    const api = hark()
    const unsubscribe = api.on('update.statusChanged', setStatus)
    api.update.status().then(
      // An event that arrived meanwhile is newer than this answer.
      (answer) => setStatus((current) => current ?? answer),
      () => undefined
    )
    return unsubscribe
  }, [])
  if (status?.phase !== 'ready' || status.version === null) return null
  const restart = (): void => {
    hark()
      .update.install()
      .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)))
  }
  return (
    <div className="notice" role="status">
      <span>Hark {status.version} is downloaded. </span>
      <button type="button" className="button" onClick={restart}>
        Restart to update
      </button>
      {failed && <span className="error"> {failed}</span>}
    </div>
  )
}
