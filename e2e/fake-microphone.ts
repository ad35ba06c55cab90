// Chromium's fake microphone playing a WAV file (looped), as worker fixtures for a spec:
// `test.extend({ ...fakeMicrophone(makeWav) })`. The file is made once per worker.
import type { Fixtures, PlaywrightWorkerArgs, PlaywrightWorkerOptions } from '@playwright/test'

export interface FakeMicrophoneWorker {
  speechWav: string
}

export function fakeMicrophone(
  makeWav: () => string
): Fixtures<object, FakeMicrophoneWorker, object, PlaywrightWorkerArgs & PlaywrightWorkerOptions> {
  return {
    // eslint-disable-next-line no-empty-pattern
    speechWav: [async ({}, use) => use(makeWav()), { scope: 'worker' }],
    launchOptions: [
      async ({ launchOptions, speechWav }, use) =>
        use({
          ...launchOptions,
          args: [...(launchOptions.args ?? []), `--use-file-for-fake-audio-capture=${speechWav}`]
        }),
      { scope: 'worker' }
    ]
  }
}
