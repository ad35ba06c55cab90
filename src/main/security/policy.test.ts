import { describe, expect, it } from 'vitest'
import {
  APP_PAGE_URL,
  isExternalUrlAllowed,
  isOurPageUrl,
  isPermissionAllowed,
  senderVerdict,
  type FrameFacts,
  type OurPage
} from './policy'

const packaged: OurPage = {
  appUrl: APP_PAGE_URL,
  devServerUrl: null
}
const dev: OurPage = { ...packaged, devServerUrl: 'http://localhost:5173/' }

describe('our page', () => {
  it.each([
    [packaged, 'app://hark/index.html', true],
    [packaged, 'app://hark/index.html#/settings', true],
    [packaged, 'app://hark/evil.html', false],
    [packaged, 'app://other/index.html', false],
    [packaged, 'file:///opt/Hark/resources/app.asar/out/renderer/index.html', false],
    [packaged, 'file:///tmp/evil.html', false],
    [packaged, 'http://localhost:5173/', false],
    [dev, 'http://localhost:5173/index.html', true],
    [dev, 'http://localhost:5174/', false],
    [dev, 'https://localhost:5173/', false],
    [dev, 'not a url', false],
    [dev, 'about:blank', false]
  ])('%o: %s → %s', (page, url, expected) => {
    expect(isOurPageUrl(url, page)).toBe(expected)
  })
})

describe('IPC sender', () => {
  const main: FrameFacts = { processId: 4, routingId: 1, isTop: true, url: packaged.appUrl }

  it('accepts our window main frame on our page', () => {
    expect(senderVerdict(main, main, packaged)).toEqual({ ok: true })
  })

  it.each([
    ['a destroyed frame', null, main],
    ['a subframe', { ...main, routingId: 7, isTop: false }, main],
    ['another window', { ...main, processId: 9 }, main],
    ['another page in our frame', { ...main, url: 'https://evil.example/' }, main],
    ['no window', main, null]
  ])('refuses %s', (_what, frame, windowFrame) => {
    const verdict = senderVerdict(frame, windowFrame, packaged)
    expect(verdict.ok).toBe(false)
  })
})

describe('permissions', () => {
  const ask = (overrides: Partial<Parameters<typeof isPermissionAllowed>[0]>): boolean =>
    isPermissionAllowed(
      {
        permission: 'media',
        requestingUrl: packaged.appUrl,
        fromOurWindow: true,
        mediaTypes: ['audio'],
        ...overrides
      },
      packaged
    )

  it('grants the microphone to our page', () => {
    expect(ask({})).toBe(true)
    expect(ask({ requestingUrl: 'app://hark' })).toBe(true) // a check passes only the origin
    expect(ask({ requestingUrl: 'file:///' })).toBe(false)
  })

  it.each([
    ['camera', { mediaTypes: ['video'] }],
    ['camera and microphone', { mediaTypes: ['audio', 'video'] }],
    ['unknown media', { mediaTypes: ['unknown'] }],
    ['no media type', { mediaTypes: [] }],
    ['notifications', { permission: 'notifications' }],
    ['geolocation', { permission: 'geolocation' }],
    ['another origin', { requestingUrl: 'https://evil.example/' }],
    ['another file', { requestingUrl: 'file:///tmp/evil.html' }],
    ['another window', { fromOurWindow: false }]
  ])('denies %s', (_what, overrides) => {
    expect(ask(overrides)).toBe(false)
  })

  it('grants the dev server only its own origin', () => {
    const base = { permission: 'media', fromOurWindow: true, mediaTypes: ['audio'] }
    expect(isPermissionAllowed({ ...base, requestingUrl: 'http://localhost:5173' }, dev)).toBe(true)
    expect(isPermissionAllowed({ ...base, requestingUrl: 'http://localhost:8080' }, dev)).toBe(
      false
    )
  })
})

describe('external links', () => {
  it.each([
    ['https://platform.openai.com/api-keys', true],
    ['http://example.com/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['https://user:pass@example.com/', false],
    ['smb://server/share', false],
    ['not a url', false]
  ])('%s → %s', (url, expected) => {
    expect(isExternalUrlAllowed(url)).toBe(expected)
  })
})
