import { useLayoutEffect, useRef } from 'react'
import type { JSX } from 'react'
import type { Caption } from '../stores/conversation-model'
import { useConversation } from '../stores/conversation'
import { TurnFigures } from './TurnFigures'

/** Pixels from the bottom within which the log keeps following new captions. */
const FOLLOW_THRESHOLD_PX = 48

function heardText(heardMs: number): string {
  return `heard up to ${(heardMs / 1000).toFixed(1)} s`
}

function CaptionView({ caption }: { caption: Caption }): JSX.Element {
  if (caption.kind === 'function_call') {
    return (
      <li className="caption caption--tool">
        <span className="caption__who">Tool</span>
        <p className="caption__text">
          {caption.name ?? 'function'}
          {caption.text ? ` → ${caption.text}` : ''}
        </p>
      </li>
    )
  }
  const who = caption.role === 'user' ? 'You' : 'Hark'
  return (
    <li
      className={`caption caption--${caption.role ?? 'assistant'}${caption.streaming && !caption.interrupted ? ' caption--streaming' : ''}`}
      data-item-id={caption.itemId}
    >
      <span className="caption__who">{who}</span>
      <p className="caption__text">
        {caption.text || <span className="muted">…</span>}
        {caption.interrupted && (
          <span className="caption__interrupted">
            {' '}
            (interrupted{caption.heardMs !== null ? `, ${heardText(caption.heardMs)}` : ''})
          </span>
        )}
      </p>
      {caption.role === 'assistant' && <TurnFigures itemId={caption.itemId} />}
    </li>
  )
}

/** The conversation: a fixed-height, scrolling log that follows new captions. */
export function ConversationLog(): JSX.Element {
  const order = useConversation((state) => state.order)
  const items = useConversation((state) => state.items)
  const logRef = useRef<HTMLDivElement>(null)
  const followRef = useRef(true)

  useLayoutEffect(() => {
    const log = logRef.current
    if (log && followRef.current) log.scrollTop = log.scrollHeight
  }, [order, items])

  const onScroll = (): void => {
    const log = logRef.current
    if (!log) return
    followRef.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_THRESHOLD_PX
  }

  return (
    <div
      ref={logRef}
      className="log"
      role="log"
      aria-label="Conversation"
      aria-live="polite"
      tabIndex={0}
      onScroll={onScroll}
    >
      {order.length === 0 ? (
        <p className="log__empty muted">
          Connect, then type a message below. Replies are spoken aloud and captioned here.
        </p>
      ) : (
        <ol className="log__list">
          {order.map((id) => {
            const caption = items[id]
            return caption ? <CaptionView key={id} caption={caption} /> : null
          })}
        </ol>
      )}
    </div>
  )
}
