import { useState } from 'react'
import type { FormEvent, JSX } from 'react'
import { getEngine, stopSpeaking } from '../ipc/bridge'
import { useConnection } from '../stores/connection'
import { codeOf, messageOf } from '../stores/errors'
import { hark } from '../ipc/hark'

/** The message box (Enter sends) and the Stop speaking button. */
export function Composer(): JSX.Element {
  const [text, setText] = useState('')
  const [sending, setSending] = useState(false)
  const connected = useConnection((state) => state.status === 'connected')
  const trimmed = text.trim()

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    if (!trimmed || sending) return
    setSending(true)
    void getEngine()?.start()
    hark()
      .session.sendText({ text: trimmed })
      .then(() => setText(''))
      .catch((error: unknown) =>
        useConnection.getState().errorReported(codeOf(error), messageOf(error))
      )
      .finally(() => setSending(false))
  }

  return (
    <form className="composer" onSubmit={onSubmit}>
      <input
        className="composer__input"
        type="text"
        aria-label="Message"
        placeholder={
          connected ? 'Type a message and press Enter' : 'Type a message: Enter connects and sends'
        }
        value={text}
        maxLength={4000}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="button button--primary" disabled={!trimmed || sending}>
        Send
      </button>
      <button
        type="button"
        className="button"
        onClick={() => void stopSpeaking(hark())}
        title="Stop speaking (Esc)"
      >
        Stop speaking
      </button>
    </form>
  )
}
