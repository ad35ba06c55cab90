import { describe, expect, it } from 'vitest'
import { delegatedCall } from './live-delegation'

describe('which built-in tool a GPT-Live delegation asks for', () => {
  it('reads the tool from the user’s words, only when exactly one fits', () => {
    expect(delegatedCall('What time is it in Tokyo?')?.name).toBe('get_current_time')
    expect(delegatedCall('What is on my clipboard?')?.name).toBe('read_clipboard')
    expect(delegatedCall('Please open https://example.com/news.')).toEqual({
      name: 'open_url',
      argumentsJson: JSON.stringify({ url: 'https://example.com/news' })
    })
    // Writing to the clipboard needs text the delegation does not carry.
    expect(delegatedCall('Copy this to the clipboard')).toBeNull()
    expect(delegatedCall('Book a flight')).toBeNull()
    expect(delegatedCall('What time is it, and what is on my clipboard?')).toBeNull()
    // A plain-http link is not opened (open_url takes https only).
    expect(delegatedCall('open http://example.com')).toBeNull()
  })
})
