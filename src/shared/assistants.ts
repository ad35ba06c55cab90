// Assistants (issue 14, "multiple hosts"): named personas, each with its own instructions, voice,
// model, endpoint and provider, tool policies and optionally its own talk hotkey. Stored beside
// the settings (assistants.json); today's single settings become the first assistant, so an
// upgrade loses nothing.
import { z } from 'zod'
import { PROVIDERS } from './providers'
import { settingsSchema, type Settings } from './settings'
import { toolPolicySchema } from './tools-ipc'

export const MAX_ASSISTANTS = 20
export const DEFAULT_ASSISTANT_ID = 'default'

export const assistantSchema = z.object({
  /** Stable across renames: history entries are tagged with it. */
  id: z
    .string()
    .max(40)
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'An assistant id is 1–40 lower-case letters, digits or -.'),
  name: z.string().trim().min(1, 'An assistant needs a name.').max(60),
  instructions: settingsSchema.shape.instructions.unwrap(),
  voice: settingsSchema.shape.voice.unwrap(),
  model: settingsSchema.shape.model.unwrap(),
  url: settingsSchema.shape.url.unwrap(),
  provider: z.enum(PROVIDERS),
  /**
   * Its voice API (issue 15: "an engine choice per assistant"); absent = Settings → Engine. On
   * GPT-Live it uses Settings' GPT-Live model and voice, and its own instructions.
   */
  engine: settingsSchema.shape.engine.unwrap().optional(),
  /** Its own talk hotkey; null = none (the default assistant uses Settings → Talk hotkey). */
  hotkey: z.string().trim().min(1).max(100).nullable(),
  /** Per-tool overrides of the global tool policies; a tool not named here follows those. */
  toolPolicies: z
    .record(z.string().min(1).max(64), toolPolicySchema)
    .refine((policies) => Object.keys(policies).length <= 500, 'At most 500 tool policies.')
})
export type Assistant = z.infer<typeof assistantSchema>

export const assistantsFileSchema = z.object({
  version: z.literal(1),
  activeId: z.string().max(40),
  assistants: z.array(assistantSchema).min(1).max(MAX_ASSISTANTS)
})
export type AssistantsFile = z.infer<typeof assistantsFileSchema>

/**
 * The most bytes a saved set can take over IPC (src/shared/ipc-limits.ts cannot size arrays and
 * records by itself): 20 assistants of 20,000-character instructions (3 bytes a UTF-16 unit),
 * 2,000-character URLs and 500 tool policies each, rounded up.
 */
export const ASSISTANTS_MAX_BYTES = MAX_ASSISTANTS * (20_000 * 3 + 2_000 * 3 + 500 * 90 + 2_000)

/** Today's single settings as the first assistant: every field it had is carried over. */
export function assistantsFromSettings(settings: Settings): AssistantsFile {
  return {
    version: 1,
    activeId: DEFAULT_ASSISTANT_ID,
    assistants: [
      {
        id: DEFAULT_ASSISTANT_ID,
        name: 'Hark',
        instructions: settings.instructions,
        voice: settings.voice,
        model: settings.model,
        url: settings.url,
        provider: settings.provider,
        hotkey: settings.hotkey,
        toolPolicies: {}
      }
    ]
  }
}

/** The settings a session of `assistant` runs with: its own fields over the shared ones. */
export function settingsForAssistant(settings: Settings, assistant: Assistant): Settings {
  return {
    ...settings,
    instructions: assistant.instructions,
    voice: assistant.voice,
    model: assistant.model,
    url: assistant.url,
    provider: assistant.provider,
    ...(assistant.engine !== undefined ? { engine: assistant.engine } : {}),
    hotkey: assistant.hotkey ?? settings.hotkey
  }
}
