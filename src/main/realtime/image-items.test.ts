import { describe, expect, it } from 'vitest'
import { IMAGE_PLACEHOLDER, describeImageParts } from './image-items'

const echo = (type: string, content: unknown[]): { data: string } => ({
  data: JSON.stringify({ type, item: { id: 'i1', type: 'message', role: 'user', content } })
})

describe('echoed image items', () => {
  it('describe the picture in words for the SDK, keeping the other parts', () => {
    const event = echo('conversation.item.added', [
      { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/' },
      { type: 'input_text', text: 'what is this?' }
    ])
    const parsed = JSON.parse(describeImageParts(event).data) as { item: { content: unknown[] } }
    expect(parsed.item.content).toEqual([
      { type: 'input_text', text: IMAGE_PLACEHOLDER },
      { type: 'input_text', text: 'what is this?' }
    ])
  })

  it('leave every other event as it is', () => {
    const text = echo('conversation.item.done', [{ type: 'input_text', text: 'input_image' }])
    expect(describeImageParts(text)).toBe(text)
    const delta = { data: '{"type":"response.output_text.delta","delta":"\\"input_image\\""}' }
    expect(describeImageParts(delta)).toBe(delta)
    const binary = { data: new ArrayBuffer(4) }
    expect(describeImageParts(binary)).toBe(binary)
  })
})
