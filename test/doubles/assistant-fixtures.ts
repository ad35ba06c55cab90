// Assistants for tests: the settings' own first assistant plus a translator on Azure OpenAI.
import {
  assistantsFromSettings,
  type Assistant,
  type AssistantsFile
} from '../../src/shared/assistants'
import { settingsSchema } from '../../src/shared/settings'

export const translatorOnAzure: Assistant = {
  id: 'translator',
  name: 'Translator',
  instructions: 'Translate into German.',
  voice: 'cedar',
  model: 'my-deployment',
  url: 'wss://contoso.openai.azure.com/openai/v1/realtime',
  provider: 'azure',
  hotkey: null,
  toolPolicies: {}
}

/** Hark (default settings) and the translator, with `changes` made to the translator. */
export function withTranslator(activeId: string, changes: Partial<Assistant> = {}): AssistantsFile {
  const file = assistantsFromSettings(settingsSchema.parse({}))
  return {
    ...file,
    activeId,
    assistants: [...file.assistants, { ...translatorOnAzure, ...changes }]
  }
}
