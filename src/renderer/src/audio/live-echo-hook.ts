// Full duplex on speakers needs the speaker echo check (issue 13; another branch builds it, with
// its own API): GPT-Live keeps listening while it speaks, so without echo cancellation it would
// hear itself. This is the one place Connect waits on it before a GPT-Live session. Until the
// check exists it does nothing; then: run it here when it has not run yet (or the output device
// changed), and apply its advice (fine / use headphones / pause listening while Hark speaks).
import type { Settings } from '../../../shared/settings'
import { isLiveEngine } from '../stores/engine'

export async function beforeLiveSession(settings: Settings | null): Promise<void> {
  if (!isLiveEngine(settings)) return
  // The echo check's call goes here (issue 13), e.g. `await ensureEchoChecked()`.
  await Promise.resolve()
}
