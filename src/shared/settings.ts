import { z } from 'zod'
import { monthlyBudgetUsdSchema } from './budget-setting'
import { endpointProblem } from './endpoint'
import { DEFAULT_LIVE_MODEL, DEFAULT_LIVE_VOICE } from './live-models'
import { PROVIDERS } from './providers'
import { echoCheckResultSchema } from './echo-check'
import { DEFAULT_REASONING_EFFORT, DEFAULT_TRANSCRIPTION_MODEL, REASONING_EFFORTS } from './models'

/** The current generation (src/shared/models.ts); `gpt-realtime` shuts down on 2027-01-20. */
export const DEFAULT_MODEL = 'gpt-realtime-2.1'
export const DEFAULT_VOICE = 'alloy'
export const DEFAULT_HOTKEY = 'CommandOrControl+Shift+Space'
export const OPENAI_REALTIME_BASE_URL = 'wss://api.openai.com/v1/realtime'
export const DEFAULT_INSTRUCTIONS =
  'You are Hark, a voice assistant on the user’s desktop. Answer briefly and naturally, as in speech.'

/** Voices the Realtime API offers for gpt-realtime (the field stays free text for other servers). */
export const KNOWN_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'cedar',
  'coral',
  'echo',
  'marin',
  'sage',
  'shimmer',
  'verse'
] as const

// The fields without defaults: a patch must carry only what the user changed. (zod 4 applies
// `.default()` inside `.partial()`, so a patch built from the defaulted schema would reset every
// field it did not mention.)
const settingsFields = {
  model: z.string().trim().min(1).max(100),
  voice: z.string().trim().min(1).max(50),
  instructions: z.string().max(20_000),
  // The rules live in endpoint.ts; main checks them again before it dials.
  url: z
    .string()
    .trim()
    .max(2000)
    .superRefine((value, context) => {
      const problem = endpointProblem(value)
      if (problem !== null) context.addIssue({ code: 'custom', message: problem })
    }),
  /** 'none' is push-to-talk; the VAD modes are hands-free. */
  turnDetection: z.enum(['none', 'semantic_vad', 'server_vad']),
  vadEagerness: z.enum(['low', 'medium', 'high', 'auto']),
  inputTranscription: z.boolean(),
  /** Sent as `session.reasoning.effort`, for reasoning models only (src/shared/models.ts). */
  reasoningEffort: z.enum(REASONING_EFFORTS),
  /** The input transcription model (free text for other servers). */
  transcriptionModel: z.string().trim().min(1).max(100),
  /** The microphone, kept by its label (device ids change between runs); '' = system default. */
  inputDeviceLabel: z.string().max(500),
  /** null = the platform's default: off on Windows, where Chrome's AGC moves the system volume. */
  autoGainControl: z.boolean().nullable(),
  /** The global talk hotkey (Electron accelerator syntax); main checks it with acceleratorProblem. */
  hotkey: z.string().trim().min(1).max(100),
  /** Start Hark when the user logs in (macOS/Windows login items, an XDG autostart entry on Linux). */
  launchAtLogin: z.boolean(),
  /** Keep the history unencrypted where the system has no key store: only by the user's choice. */
  historyPlainAllowed: z.boolean(),
  /** Forget conversations this many days after their last change; null = keep them forever. */
  historyRetentionDays: z.number().int().min(1).max(36_500).nullable(),
  /**
   * Let OpenAI keep traces of each session (the Realtime API's `tracing: "auto"`, shown in the
   * platform's Traces dashboard). Off unless the user turns it on: `tracing: null` is sent.
   */
  tracing: z.boolean(),
  /** Which voice API a session uses (reference §2): the Realtime API, or GPT-Live (engine-choice.ts). */
  engine: z.enum(['realtime', 'live']),
  /** The GPT-Live model (free text for other servers); `model` stays the Realtime one. */
  liveModel: z.string().trim().min(1).max(100),
  /** GPT-Live's voice, fixed for a session's life (SessionConfig.audio.output.voice). */
  liveVoice: z.string().trim().min(1).max(50),
  /** Keep each conversation's audio as a stereo WAV beside its history (off unless turned on). */
  recordConversations: z.boolean(),
  /** The monthly budget in USD; null = no budget (src/shared/budget-setting.ts says why not 0). */
  monthlyBudgetUsd: monthlyBudgetUsdSchema,
  /** Close a session unused for this many minutes (the next press reconnects); null = never. */
  idleDisconnectMinutes: z.number().int().min(1).max(1440).nullable(),
  /**
   * Push-to-talk: keep the microphone open while connected (the system's indicator stays on) so
   * a press streams without opening it first. Off: it opens on the press and closes on release.
   */
  keepMicrophoneReady: z.boolean(),
  /** Who serves the endpoint, which says how the key is sent (src/shared/providers.ts). */
  provider: z.enum(PROVIDERS),
  /** Look for a new Hark release at start and daily (issue 14); installing is always the user's. */
  updateChecks: z.boolean(),
  /** The floating overlay while talking from another app (issue 13). */
  overlay: z.boolean(),
  /** The last speaker echo check; null until one ran (src/shared/echo-check.ts). */
  echoCheck: echoCheckResultSchema.nullable(),
  /**
   * A global hotkey for Look at my screen (issue 12 §3; Electron accelerator syntax, a press);
   * null = none. Main checks it (src/main/screen/screen-hotkey.ts): valid, and not a talk hotkey.
   */
  screenHotkey: z.string().trim().min(1).max(100).nullable()
}

/** The user's settings: stored as one JSON file by main, edited in the renderer. */
export const settingsSchema = z.object({
  model: settingsFields.model.default(DEFAULT_MODEL),
  voice: settingsFields.voice.default(DEFAULT_VOICE),
  instructions: settingsFields.instructions.default(DEFAULT_INSTRUCTIONS),
  url: settingsFields.url.default(OPENAI_REALTIME_BASE_URL),
  turnDetection: settingsFields.turnDetection.default('none'),
  vadEagerness: settingsFields.vadEagerness.default('auto'),
  inputTranscription: settingsFields.inputTranscription.default(true),
  reasoningEffort: settingsFields.reasoningEffort.default(DEFAULT_REASONING_EFFORT),
  transcriptionModel: settingsFields.transcriptionModel.default(DEFAULT_TRANSCRIPTION_MODEL),
  inputDeviceLabel: settingsFields.inputDeviceLabel.default(''),
  autoGainControl: settingsFields.autoGainControl.default(null),
  // Not Alt+Space: Windows and GNOME open the window menu with it. Ctrl+Shift+Space (Command on
  // macOS) is free in the common desktops, and the hook does not swallow the key.
  hotkey: settingsFields.hotkey.default(DEFAULT_HOTKEY),
  launchAtLogin: settingsFields.launchAtLogin.default(false),
  historyPlainAllowed: settingsFields.historyPlainAllowed.default(false),
  historyRetentionDays: settingsFields.historyRetentionDays.default(null),
  tracing: settingsFields.tracing.default(false),
  engine: settingsFields.engine.default('realtime'),
  liveModel: settingsFields.liveModel.default(DEFAULT_LIVE_MODEL),
  liveVoice: settingsFields.liveVoice.default(DEFAULT_LIVE_VOICE),
  recordConversations: settingsFields.recordConversations.default(false),
  monthlyBudgetUsd: settingsFields.monthlyBudgetUsd.default(null),
  idleDisconnectMinutes: settingsFields.idleDisconnectMinutes.default(10),
  // The bench's "press → first captured chunk" with the microphone closed vs ready (README,
  // "Connecting and the microphone") decided this default.
  keepMicrophoneReady: settingsFields.keepMicrophoneReady.default(false),
  provider: settingsFields.provider.default('openai'),
  updateChecks: settingsFields.updateChecks.default(true),
  overlay: settingsFields.overlay.default(true),
  echoCheck: settingsFields.echoCheck.default(null),
  screenHotkey: settingsFields.screenHotkey.default(null)
})
export type Settings = z.infer<typeof settingsSchema>
export const settingsPatchSchema = z.object(settingsFields).partial().strict()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

export const defaultSettings = (): Settings => settingsSchema.parse({})
