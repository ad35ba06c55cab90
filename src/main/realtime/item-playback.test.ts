import { describe, expect, it } from 'vitest'
import { ItemPlayback } from './item-playback'

const MS_100 = 4800 // bytes of PCM16 24 kHz mono

function twoItems(): ItemPlayback {
  const items = new ItemPlayback()
  items.noteAudio('resp_1', 'item_pre', 0)
  items.addForwarded('item_pre', MS_100)
  items.noteGenerationDone('item_pre')
  items.noteAudio('resp_1', 'item_answer', 0)
  items.addForwarded('item_answer', 2 * MS_100)
  return items
}

describe('ItemPlayback', () => {
  it('the item being heard is the newest one with played audio, not the newest to arrive', () => {
    const items = twoItems()
    expect(items.newest?.itemId).toBe('item_answer')
    items.report('item_pre', 40)
    expect(items.playing()).toMatchObject({ itemId: 'item_pre', playedMs: 40, generatedMs: 100 })
  })

  it('forgets a fully heard item, so the next one is the one a barge-in truncates', () => {
    const items = twoItems()
    items.report('item_pre', 100)
    expect(items.playing()).toMatchObject({ itemId: 'item_answer', playedMs: undefined })
    items.report('item_answer', 60)
    expect(items.playing()).toMatchObject({ itemId: 'item_answer', playedMs: 60, generatedMs: 200 })
  })

  it('ignores reports of unknown items and never moves a position back', () => {
    const items = twoItems()
    expect(items.report('item_other', 10)).toBe(false)
    items.report('item_pre', 50)
    items.report('item_pre', 20)
    expect(items.playing()?.playedMs).toBe(50)
  })
})
