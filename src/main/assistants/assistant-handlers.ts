// The `assistants.*` channels (issue 14): the window reads the assistants, saves the whole set
// (validated in main: hotkeys, names, endpoints) and switches the active one; the next Connect
// runs the active assistant (hark-main.ts overlays it on the settings the session reads).
import { HarkError } from '../app/ipc-error'
import type { InvokeHandlers } from '../app/router'
import { AssistantsRejected, type AssistantsStore } from './assistants-store'

type AssistantChannel = 'assistants.get' | 'assistants.save' | 'assistants.switch'

export function assistantHandlers(store: AssistantsStore): Pick<InvokeHandlers, AssistantChannel> {
  const refusedInWords = async <T>(action: () => Promise<T>): Promise<T> => {
    try {
      return await action()
    } catch (error) {
      if (error instanceof AssistantsRejected) throw new HarkError('invalid_input', error.message)
      throw error
    }
  }
  return {
    'assistants.get': () => store.get(),
    'assistants.save': (file) => refusedInWords(() => store.save(file)),
    'assistants.switch': ({ id }) => refusedInWords(() => store.switchTo(id))
  }
}
