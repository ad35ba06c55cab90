// Which voice API a session uses (Settings → Engine, reference §2): the Realtime API (the
// session manager's own controller) or GPT-Live. Both sit behind RealtimeControllerApi, so the
// window, history, cost, latency and tools see the same events. GPT-Live sessions take the
// conversation so far at their start (`session.input`), so the manager hands it over here: after
// a reconnect, a rollover or History's Continue the model still knows what was said. The open
// GPT-Live engines are also what the monthly budget holds (live-budget.ts).
import { endpointProblem } from '../../shared/endpoint'
import type { ConversationItem } from '../../shared/realtime-events'
import type { Settings } from '../../shared/settings'
import type { LiveDelegationHandler } from '../engines/live/delegation'
import { OPENAI_LIVE_URL, resolveLiveConfig, type LiveConfig } from '../engines/live/live-config'
import { LiveEngine, type LiveEngineOptions } from '../engines/live/live-engine'
import type { LiveEngines } from './live-budget'
import type { RealtimeControllerApi } from '../realtime/controller-api'
import { RealtimeCoreError } from '../realtime/controller-api'
import type { RealtimeLog } from '../realtime/event-bus'

export interface EngineChoiceDeps {
  env: NodeJS.ProcessEnv
  readKey: () => Promise<string | null>
  log: RealtimeLog
  /** Delegated tasks (live-delegation.ts); without one each is refused in words. */
  delegationHandler?: LiveDelegationHandler
  /** The microphone is muted (tray, window): a new GPT-Live session starts muted. */
  isMicMuted?: () => boolean
  /** The monthly budget (spend-service.ts): asked before a Connect, told of each usage figure. */
  budget?: {
    connectRefusal: () => string | null
    costChanged: () => void
  }
  /** Shorter timeouts and the like, for tests. */
  liveOptions?: Partial<LiveEngineOptions>
}

/** A controller for the chosen engine, or undefined for the Realtime API (the manager's own). */
export type EngineChooser = (
  settings: Settings,
  conversation: readonly ConversationItem[]
) => RealtimeControllerApi | undefined

/**
 * The endpoint comes from `OPENAI_LIVE_URL` (the browser host and tests point it at the fake Live
 * server), checked by the same rules as the Realtime endpoint: the key goes only where they allow.
 */
export function liveConfigFor(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  readKey: () => Promise<string | null>
): LiveConfig {
  const url = env.OPENAI_LIVE_URL?.trim() || OPENAI_LIVE_URL
  const problem = endpointProblem(url)
  if (problem !== null) throw new RealtimeCoreError('invalid_input', `OPENAI_LIVE_URL: ${problem}`)
  return resolveLiveConfig(
    { url, instructions: settings.instructions },
    {
      OPENAI_API_KEY: env.OPENAI_API_KEY,
      OPENAI_LIVE_MODEL: env.OPENAI_LIVE_MODEL?.trim() || settings.liveModel,
      OPENAI_LIVE_VOICE: env.OPENAI_LIVE_VOICE?.trim() || settings.liveVoice
    },
    readKey
  )
}

export interface EngineChoice extends LiveEngines {
  choose: EngineChooser
  /** The user muted or unmuted the microphone: GPT-Live is told (`session.input_audio.mute`). */
  setMicMuted(muted: boolean): void
}

export function createEngineChoice(deps: EngineChoiceDeps): EngineChoice {
  /** GPT-Live engines not yet closed: the current one, and a rollover's or reconnect's next. */
  const open = new Set<LiveEngine>()
  /** Held by the budget: a rollover's or reconnect's engine starts held too. */
  let budgetHeld = false
  const budget = deps.budget
  return {
    choose(settings, conversation) {
      if (settings.engine !== 'live') return undefined
      const engine = new LiveEngine(liveConfigFor(settings, deps.env, deps.readKey), {
        log: deps.log,
        seed: conversation,
        inputMuted: deps.isMicMuted?.() ?? false,
        ...(deps.delegationHandler ? { delegationHandler: deps.delegationHandler } : {}),
        ...(budget ? { admitSession: budget.connectRefusal } : {}),
        ...deps.liveOptions
      })
      open.add(engine)
      if (budgetHeld) engine.holdForBudget(true)
      if (budget) engine.subscribeUsage(() => budget.costChanged())
      // The manager never restarts a controller: once disconnected, it is done with it.
      engine.subscribe((event) => {
        if (event.type === 'status' && event.status === 'disconnected') open.delete(engine)
      })
      return engine
    },
    setMicMuted(muted) {
      for (const engine of open) engine.setInputMuted(muted)
    },
    runningCostUsd() {
      let usd = 0
      for (const engine of open) usd += engine.unchargedCostUsd
      return usd
    },
    isOpen() {
      return open.size > 0
    },
    setBudgetHold(held) {
      budgetHeld = held
      for (const engine of open) engine.holdForBudget(held)
    }
  }
}
