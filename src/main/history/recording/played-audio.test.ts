// Hark's channel holds what was played, not what was received: released as the page reports
// its played position, cut at an interruption, never beyond what arrived.
import { describe, expect, it } from 'vitest'
import { concatBytes } from '../../../shared/pcm'
import { PlayedAudio, playedBytes } from './played-audio'

/** `ms` of audio whose bytes count up, so any slice is recognisable. */
const audio = (ms: number, offset = 0): Uint8Array =>
  Uint8Array.from({ length: ms * 48 }, (_, i) => (i + offset) & 0xff)

function tracker(): { played: PlayedAudio; released: Uint8Array[] } {
  const released: Uint8Array[] = []
  return { played: new PlayedAudio((pieces) => released.push(concatBytes(pieces))), released }
}

describe('PlayedAudio', () => {
  it('releases exactly the reported played span, across chunk boundaries', () => {
    const { played, released } = tracker()
    const chunks = [audio(100), audio(100, 7), audio(100, 13)]
    for (const chunk of chunks) played.received('a1', chunk)
    played.played('a1', 50)
    played.played('a1', 150.5)
    played.played('a1', 150.5)
    expect(released.map((piece) => piece.byteLength)).toEqual([2400, playedBytes(150.5) - 2400])
    expect(concatBytes(released)).toEqual(concatBytes(chunks).subarray(0, playedBytes(150.5)))
  })

  it('never releases more than arrived, and releases the rest once it arrives', () => {
    const { played, released } = tracker()
    played.received('a1', audio(40))
    played.played('a1', 100)
    expect(concatBytes(released).byteLength).toBe(40 * 48)
    played.received('a1', audio(60, 5))
    played.played('a1', 100)
    expect(concatBytes(released)).toEqual(concatBytes([audio(40), audio(60, 5)]))
  })

  it('an interrupted answer ends at its final position; later audio for it is not played', () => {
    const { played, released } = tracker()
    played.received('a1', audio(300))
    played.played('a1', 100)
    played.interrupted('a1')
    played.received('a1', audio(100, 3))
    played.played('a1', 120, true)
    played.played('a1', 300)
    expect(concatBytes(released)).toEqual(audio(300).subarray(0, playedBytes(120)))
  })

  it('a truncate releases up to what the model was told was heard', () => {
    const { played, released } = tracker()
    played.received('a1', audio(300))
    played.played('a1', 50)
    played.truncated('a1', 180)
    played.played('a1', 300)
    expect(concatBytes(released)).toEqual(audio(300).subarray(0, playedBytes(180)))
  })

  it("drops an earlier item's unplayed rest once a later item plays", () => {
    const { played, released } = tracker()
    played.received('a1', audio(100))
    played.received('a2', audio(100, 9))
    played.played('a1', 40)
    played.played('a2', 20)
    played.played('a1', 100)
    expect(concatBytes(released)).toEqual(
      concatBytes([audio(100).subarray(0, 40 * 48), audio(100, 9).subarray(0, 20 * 48)])
    )
  })

  it('ignores reports for items it never received', () => {
    const { played, released } = tracker()
    played.played('nothing', 100)
    played.truncated('nothing', 100)
    played.interrupted(null)
    expect(released).toEqual([])
  })
})
