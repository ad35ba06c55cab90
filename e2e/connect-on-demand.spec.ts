// Connect on demand (issue 13) in the real renderer: holding talk while disconnected connects,
// and everything the microphone captured while the connection opened reaches the server, byte
// for byte, before the commit and the answer; a typed message while disconnected is answered.
import type { HostObservation } from '../src/web-host/host'
import { makeFakeMicWav } from '../test/fixtures/fake-mic-wav'
import { FAKE_API_KEY, enterKey, expect, sendMessage, test } from './fixtures'
import { fakeMicrophone } from './fake-microphone'

/** A slow handshake, so that the press's first chunks must wait for the session. */
const HANDSHAKE_MS = 1000
const HOLD_MS = 2000

const speechTest = test.extend(fakeMicrophone(() => makeFakeMicWav('ptt-speech')))

function sentAudio(observations: readonly HostObservation[]): Uint8Array {
  const chunks = observations.flatMap((o) =>
    o.kind === 'send' && o.channel === 'audio.append' ? [o.payload as Uint8Array] : []
  )
  return Buffer.concat(chunks)
}

speechTest(
  'holding talk while disconnected connects and sends the whole utterance, then the answer',
  async ({ app, fake, host }) => {
    fake.setOptions({ upgradeDelayMs: HANDSHAKE_MS })
    await enterKey(app, FAKE_API_KEY)
    await expect(app.getByRole('button', { name: 'Connect', exact: true })).toBeVisible()
    let connectedAtMs = 0
    let firstChunkAtMs = 0
    host.observe((o) => {
      if (o.kind === 'event' && o.channel === 'session.status' && connectedAtMs === 0)
        if ((o.payload as { status: string }).status === 'connected') connectedAtMs = Date.now()
      if (o.kind === 'send' && o.channel === 'audio.append' && firstChunkAtMs === 0)
        firstChunkAtMs = Date.now()
    })

    const button = app.getByRole('button', { name: 'Hold to talk' })
    await button.hover()
    await app.mouse.down()
    await app.waitForTimeout(HOLD_MS)
    await app.mouse.up()

    const commit = await fake.waitForClientEvent('input_audio_buffer.commit')
    await fake.waitForClientEvent('response.create')
    // The microphone streamed before the session was up: those words were held, not lost.
    expect(firstChunkAtMs).toBeGreaterThan(0)
    expect(firstChunkAtMs).toBeLessThan(connectedAtMs)
    const sent = sentAudio(host.observations)
    expect(sent.byteLength).toBeGreaterThan(0)
    expect(Buffer.from(fake.inputAudio(0)).equals(Buffer.from(sent))).toBe(true)
    // Nothing after the commit.
    const appends = fake.clientEvents.filter((e) => e.type === 'input_audio_buffer.append')
    expect(appends.every((e) => e.receivedAtMs <= commit.receivedAtMs)).toBe(true)

    await fake.waitForResponses(1)
    const captions = app.getByRole('log', { name: 'Conversation' }).getByRole('listitem')
    await expect(captions.last()).not.toBeEmpty()
    await expect(app.getByRole('button', { name: 'Disconnect', exact: true })).toBeVisible()
  }
)

test('a typed message while disconnected connects and is answered', async ({ app, fake }) => {
  await enterKey(app, FAKE_API_KEY)
  await expect(app.getByRole('button', { name: 'Connect', exact: true })).toBeVisible()
  await sendMessage(app, 'Good evening')
  const captions = app.getByRole('log', { name: 'Conversation' }).getByRole('listitem')
  await expect(captions.nth(0)).toContainText('Good evening')
  // The answer may follow a preamble item (seeded-preambles.ts): it is whichever caption says it.
  await expect(captions.filter({ hasText: 'You said: Good evening' })).toHaveCount(1)
  expect(fake.connectionCount).toBe(1)
})

// React reports every commit to the devtools hook; this stand-in only counts them.
const COMMIT_COUNTER = `window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
  supportsFiber: true, isDisabled: false, renderers: new Map(), commits: 0,
  inject() { return 1 }, checkDCE() {}, onScheduleFiberRoot() {}, onCommitFiberUnmount() {},
  onPostCommitFiberRoot() {}, onCommitFiberRoot() { this.commits++ }
}`

speechTest(
  'the level meter moves without re-rendering the talk controls',
  async ({ app, fake }) => {
    await app.addInitScript({ content: COMMIT_COUNTER })
    await app.reload()
    await enterKey(app, FAKE_API_KEY)
    const commits = (): Promise<number> =>
      app.evaluate(
        () =>
          (globalThis as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: { commits: number } })
            .__REACT_DEVTOOLS_GLOBAL_HOOK__.commits
      )
    expect(await commits()).toBeGreaterThan(0)
    const meter = app.getByRole('meter', { name: 'Input level' })
    await app.getByRole('button', { name: 'Hold to talk' }).hover()
    await app.mouse.down()
    await fake.waitForClientEvent('input_audio_buffer.append')
    await app.waitForTimeout(200)
    const before = await commits()
    const levels = new Set<string>()
    for (let i = 0; i < 20; i++) {
      levels.add((await meter.getAttribute('value')) ?? '')
      await app.waitForTimeout(50)
    }
    const rendered = (await commits()) - before
    await app.mouse.up()
    // About a second of speech: the meter showed many levels, React rendered (almost) nothing.
    expect(levels.size).toBeGreaterThanOrEqual(5)
    expect(rendered).toBeLessThanOrEqual(2)
  }
)
