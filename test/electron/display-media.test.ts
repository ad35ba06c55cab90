// The window's getDisplayMedia answered by main (adapters/display-media.ts) with `electron`
// replaced by the recording stub: the display under the pointer is chosen without a picker; no
// screen, another page, sound, or macOS's Screen Recording refused → nothing is captured, and
// the log says why.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { electronStub, StubWebContents } from '../doubles/electron-stub'

vi.mock('electron', async () => (await import('../doubles/electron-stub')).electronStub)

const { installDisplayMediaHandler } = await import('../../src/main/adapters/display-media')

type Streams = { video?: { id: string } }
type Handler = (request: Record<string, unknown>, callback: (streams: Streams) => void) => void

const capturer = electronStub.desktopCapturer
const ours = new StubWebContents()
let logged: string[] = []

function install(platform: NodeJS.Platform = 'linux'): Handler {
  installDisplayMediaHandler({
    session: electronStub.session.defaultSession as never,
    ourContents: () => ours as never,
    log: (_level, message) => logged.push(message),
    platform
  })
  return electronStub.session.defaultSession.displayMediaHandler as unknown as Handler
}

/** What the handler answered a request from `frame`. */
function request(handler: Handler, overrides: Record<string, unknown> = {}): Promise<Streams> {
  return new Promise((resolve) =>
    handler(
      {
        frame: ours.mainFrame,
        securityOrigin: 'app://hark',
        videoRequested: true,
        audioRequested: false,
        ...overrides
      },
      resolve
    )
  )
}

beforeEach(() => {
  logged = []
  capturer.sources = [
    { id: 'screen:1:0', name: 'Screen 1', display_id: '1' },
    { id: 'screen:2:0', name: 'Screen 2', display_id: '2' }
  ]
  capturer.failure = null
  capturer.requests.length = 0
  electronStub.screen.pointerDisplayId = 1
  electronStub.systemPreferences.mediaAccess = {}
})

describe('screen capture for the window (display-media adapter)', () => {
  it('gives our window the display under the pointer, without thumbnails', async () => {
    const handler = install()
    electronStub.screen.pointerDisplayId = 2
    expect(await request(handler)).toEqual({ video: capturer.sources[1] })
    expect(capturer.requests).toEqual([
      { types: ['screen'], thumbnailSize: { width: 0, height: 0 } }
    ])
  })

  it('captures nothing when the system offers no screen, and logs it', async () => {
    const handler = install()
    capturer.sources = []
    expect(await request(handler)).toEqual({})
    expect(logged).toContain('screen capture: the system offered no screen to capture')
    capturer.failure = new Error('no capturer')
    expect(await request(handler)).toEqual({})
    expect(logged).toContain('screen capture: no sources')
  })

  it('refuses another page, sound, and a frame that is not our main frame', async () => {
    const handler = install()
    expect(await request(handler, { frame: new StubWebContents().mainFrame })).toEqual({})
    expect(await request(handler, { audioRequested: true })).toEqual({})
    expect(await request(handler, { frame: null })).toEqual({})
    expect(capturer.requests).toHaveLength(0)
  })

  it('on macOS without Screen Recording captures nothing and never asks the system', async () => {
    const handler = install('darwin')
    electronStub.systemPreferences.mediaAccess = { screen: 'denied' }
    expect(await request(handler)).toEqual({})
    expect(capturer.requests).toHaveLength(0)
    expect(logged).toContain('screen capture: macOS Screen Recording is not allowed')
    // Not decided yet: the capture itself makes macOS ask the user.
    electronStub.systemPreferences.mediaAccess = { screen: 'not-determined' }
    expect(await request(handler)).toEqual({ video: capturer.sources[0] })
  })
})
