// The fake takes `input_image` as the API does (a base64 data URL of a whole PNG or JPEG) and
// decodes what it took for the tests.
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { jpegHeaderOnly } from '../doubles/jpeg-header'
import { startFakeRealtimeServer, type FakeRealtimeServer } from './index'
import { RawClient } from './raw-client'

let server: FakeRealtimeServer | undefined
let client: RawClient | undefined

afterEach(async () => {
  client?.close()
  await server?.close()
  client = undefined
  server = undefined
})

const dataUrl = (bytes: Uint8Array, mime = 'image/jpeg'): string =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`

const imageItem = (imageUrl: string): Record<string, unknown> => ({
  type: 'conversation.item.create',
  item: { type: 'message', role: 'user', content: [{ type: 'input_image', image_url: imageUrl }] }
})

async function ready(): Promise<[FakeRealtimeServer, RawClient]> {
  server = await startFakeRealtimeServer({ speed: 0 })
  client = await RawClient.connect(server.url)
  await client.waitFor('session.created')
  return [server, client]
}

describe('fake realtime: input_image', () => {
  it('takes a JPEG data URL, echoes the item and decodes the image', async () => {
    const [fake, c] = await ready()
    const jpeg = await sharp({
      create: { width: 1280, height: 720, channels: 3, background: '#2f5fd0' }
    })
      .jpeg({ quality: 80 })
      .toBuffer()
    c.send(imageItem(dataUrl(jpeg)))
    await c.waitFor('conversation.item.done')
    expect(await fake.inputImages()).toEqual([
      expect.objectContaining({ format: 'jpeg', width: 1280, height: 720 })
    ])
  })

  it.each([
    ['a URL that is not data', 'https://example.com/a.jpg'],
    ['a GIF', 'data:image/gif;base64,R0lGODlhAQABAAAAACw='],
    ['broken base64', 'data:image/jpeg;base64,/9j/4A=A'],
    ['a JPEG without its end', dataUrl(jpegHeaderOnly(640, 480, { end: false }))],
    [
      'PNG bytes labelled JPEG',
      dataUrl(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0xd, 0xa, 0x1a, 0xa]))
    ]
  ])('refuses %s', async (_name, imageUrl) => {
    const [fake, c] = await ready()
    c.send(imageItem(imageUrl))
    const error = await c.waitFor('error')
    expect(error['error']).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_value',
      param: 'item.content[0].image_url'
    })
    expect(await fake.inputImages()).toEqual([])
  })

  it('lets a test see that an image which only looks like a JPEG does not decode', async () => {
    const [fake, c] = await ready()
    c.send(imageItem(dataUrl(jpegHeaderOnly(640, 480))))
    await c.waitFor('conversation.item.done')
    await expect(fake.inputImages()).rejects.toThrow()
  })
})
