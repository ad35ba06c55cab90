// isPcmChunk stands in for the audio.append schema on the hot path (ipc.ts parseRendererPayload):
// it must accept exactly what the schema accepts.
import { describe, expect, it } from 'vitest'
import { ipcContract, parseRendererPayload } from './ipc'
import { isPcmChunk, MAX_APPEND_BYTES } from './pcm'

const candidates: Array<[string, unknown]> = [
  ['a 20 ms chunk', new Uint8Array(960)],
  ['the largest chunk', new Uint8Array(MAX_APPEND_BYTES)],
  ['one byte over', new Uint8Array(MAX_APPEND_BYTES + 2)],
  ['an odd length', new Uint8Array(961)],
  ['an empty chunk', new Uint8Array(0)],
  ["a subclass, as Node's Buffer is", new (class extends Uint8Array {})(960)],
  ['a view into a larger buffer', new Uint8Array(new ArrayBuffer(2000), 10, 960)],
  ['an Int16Array', new Int16Array(480)],
  ['a DataView', new DataView(new ArrayBuffer(960))],
  ['an ArrayBuffer', new ArrayBuffer(960)],
  ['an array of bytes', Array.from({ length: 960 }, () => 0)],
  ['base64 text', 'AAAA'],
  ['nothing', undefined],
  ['null', null]
]

describe('isPcmChunk', () => {
  it('accepts exactly what the audio.append schema accepts', () => {
    const schema = ipcContract['audio.append'].payload
    for (const [name, value] of candidates)
      expect(isPcmChunk(value), name).toBe(schema.safeParse(value).success)
  })

  it('lets parseRendererPayload hand on the same chunk and still give the reason for a bad one', () => {
    const chunk = new Uint8Array(960)
    expect(parseRendererPayload('audio.append', chunk)).toEqual({ ok: true, value: chunk })
    expect(parseRendererPayload('audio.append', new Uint8Array(961))).toEqual({
      ok: false,
      reason: 'audio.append: payload PCM16 needs an even, non-zero byte count'
    })
  })
})
