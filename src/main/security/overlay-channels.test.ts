import { describe, expect, it } from 'vitest'
import { channelsOfKind } from '../../shared/ipc'
import { overlayMayUse } from './overlay-channels'

describe('overlayMayUse', () => {
  it('lets the overlay answer approvals and read settings, and nothing that acts on the session', () => {
    expect(overlayMayUse('tools.approve')).toBe(true)
    expect(overlayMayUse('tools.deny')).toBe(true)
    for (const channel of [
      'session.start',
      'key.set',
      'audio.append',
      'settings.set',
      'history.get'
    ])
      expect(overlayMayUse(channel)).toBe(false)
  })

  it('names only channels that exist', () => {
    const known = new Set<string>([...channelsOfKind('invoke'), ...channelsOfKind('send')])
    for (const channel of ['tools.approve', 'tools.deny', 'settings.get', 'overlay.pointer'])
      expect(known.has(channel)).toBe(true)
  })
})
