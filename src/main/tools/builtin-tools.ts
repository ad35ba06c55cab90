// Hark's built-in tools: the clock (run), the clipboard (ask: it may hold private data, and
// writing replaces what the user copied), and opening an https link (ask: it leaves the machine).
import { isExternalUrlAllowed } from '../security/policy'
import { currentTime } from './clock'
import type { DesktopToolServices } from './desktop-tool-services'
import type { HarkTool, JsonObjectSchema } from './tool-types'

const MAX_CLIPBOARD_CHARS = 20_000

const objectSchema = (
  properties: Record<string, unknown>,
  required: string[] = []
): JsonObjectSchema => ({ type: 'object', properties, required, additionalProperties: false })

/** Why a link will not be opened, or null: only what the window's own link policy allows. */
export function httpsUrlProblem(text: string): string | null {
  if (isExternalUrlAllowed(text)) return null
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase()
  if (scheme !== undefined && scheme !== 'https')
    return `Only https links are opened; ${scheme} links are refused.`
  return 'That is not an https link Hark opens (it needs a host and no user name or password).'
}

export function createBuiltinTools(
  services: DesktopToolServices,
  clock: () => Date = () => new Date()
): HarkTool[] {
  const builtin = { source: 'builtin', destructive: false } as const
  return [
    {
      ...builtin,
      name: 'get_current_time',
      description: 'Get the current date and time, for the user or for a given IANA time zone.',
      parameters: objectSchema({
        timeZone: {
          type: ['string', 'null'],
          maxLength: 100,
          description:
            'IANA time zone such as "Europe/Paris"; omit or null for the user’s own zone.'
        }
      }),
      defaultPolicy: 'run',
      run: ({ timeZone }) => {
        const zone = typeof timeZone === 'string' ? timeZone : undefined
        try {
          return Promise.resolve(JSON.stringify(currentTime(clock(), zone)))
        } catch (error) {
          if (error instanceof RangeError)
            return Promise.resolve(JSON.stringify({ error: `Unknown time zone: ${zone}` }))
          throw error
        }
      }
    },
    {
      ...builtin,
      name: 'read_clipboard',
      description: 'Read the text on the user’s clipboard.',
      parameters: objectSchema({}),
      defaultPolicy: 'ask',
      run: async () => {
        const text = await services.readClipboardText()
        if (text === '') return 'The clipboard holds no text.'
        return text.length > MAX_CLIPBOARD_CHARS
          ? `${text.slice(0, MAX_CLIPBOARD_CHARS)} (clipboard cut at ${MAX_CLIPBOARD_CHARS} characters)`
          : text
      }
    },
    {
      ...builtin,
      name: 'write_clipboard',
      description: 'Put text on the user’s clipboard, replacing what is there.',
      parameters: objectSchema(
        {
          text: { type: 'string', maxLength: MAX_CLIPBOARD_CHARS, description: 'The text to copy.' }
        },
        ['text']
      ),
      defaultPolicy: 'ask',
      run: async ({ text }) => {
        await services.writeClipboardText(String(text))
        return 'The text is on the clipboard.'
      }
    },
    {
      ...builtin,
      name: 'open_url',
      description: 'Open an https web address in the user’s default browser.',
      parameters: objectSchema(
        {
          url: {
            type: 'string',
            maxLength: 2000,
            pattern: '^https://',
            description: 'An https:// URL.'
          }
        },
        ['url']
      ),
      defaultPolicy: 'ask',
      run: async ({ url }) => {
        const problem = httpsUrlProblem(String(url))
        if (problem !== null) return `Not opened. ${problem}`
        await services.openExternal(String(url))
        return 'The page is open in the user’s browser.'
      }
    }
  ]
}
