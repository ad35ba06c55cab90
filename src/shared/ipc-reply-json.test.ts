import { describe, expect, it } from 'vitest'
import { readReply, replyOk } from './ipc-errors'

describe('readReply over JSON', () => {
  it('reads a reply of nothing that crossed JSON (the browser host) as success', () => {
    const overJson: unknown = JSON.parse(JSON.stringify(replyOk(undefined)))
    expect(readReply(overJson)).toEqual({ ok: true, value: undefined })
    expect(readReply(JSON.parse(JSON.stringify(replyOk(3))))).toEqual({ ok: true, value: 3 })
    expect(readReply({ ok: 'yes' })).toMatchObject({ ok: false, code: 'unknown' })
  })
})
