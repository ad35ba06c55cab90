// Full duplex on speakers needs the speaker echo check (issue 13, stores/echo-check.ts): GPT-Live
// keeps listening while it speaks, so without echo cancellation it would hear itself and answer
// its own voice. Connect waits here for the check before the first GPT-Live session; its advice is
// then applied by the hands-free echo gate (audio/echo/echo-gate.ts) like on the Realtime engine.
import type { Settings } from '../../../shared/settings'
import { isLiveEngine } from '../stores/engine'
import { ensureEchoChecked } from '../stores/echo-check'

export async function beforeLiveSession(settings: Settings | null): Promise<void> {
  if (!isLiveEngine(settings)) return
  // Runs once (hasEchoCheck); a failed check is shown in Settings and never blocks Connect.
  await ensureEchoChecked()
}
