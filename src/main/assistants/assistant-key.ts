// The key a session of the active assistant dials with (issue 14, bad input "an assistant without
// a key for its provider → says so at Connect"). Once there are several assistants, a missing key
// is said with the assistant's name, so the user knows which one to fix; with one assistant the
// message stays the provider's own.
import type { Provider } from '../../shared/providers'
import { MissingApiKeyError } from '../realtime/config'
import type { AssistantsStore } from './assistants-store'

export function activeAssistantKeyReader(
  assistants: Pick<AssistantsStore, 'get'>,
  readKey: (provider: Provider) => Promise<string | null>
): (provider: Provider) => Promise<string | null> {
  return async (provider) => {
    const key = await readKey(provider)
    if (key) return key
    const { file } = await assistants.get()
    const active = file.assistants.find((assistant) => assistant.id === file.activeId)
    if (active !== undefined && file.assistants.length > 1)
      throw new MissingApiKeyError(provider, active.name)
    return null
  }
}
