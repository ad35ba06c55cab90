// The model's `look_at_screen` tool (issue 12 §3): always asks, and is never "always allowed"
// (each look shows whatever is on the screen at that moment, private or not). Approved, it
// captures and sends the screen at once (screen-look.ts).
import type { HarkTool } from '../tools/tool-types'
import type { ScreenLook } from './screen-look'

export const LOOK_AT_SCREEN_TOOL = 'look_at_screen'

export function lookAtScreenTool(look: ScreenLook): HarkTool {
  return {
    name: LOOK_AT_SCREEN_TOOL,
    description:
      'Look at the user’s screen: Hark captures the display under the pointer and adds it to the conversation as an image. The user is asked each time.',
    parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
    defaultPolicy: 'ask',
    // The host's way to say "never always allowed" (tool-host.ts isAlwaysAllowed).
    destructive: true,
    source: 'builtin',
    run: (_args, { signal }) => look.captureForTool(signal)
  }
}
