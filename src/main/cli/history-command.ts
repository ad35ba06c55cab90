// `npm run -s cli -- history list|show|search|export|delete`: the history of the data folder
// (HARK_DATA_DIR, or the desktop app's), read without Electron. Reading while the app runs is
// safe: records are whole lines, appended. The CLI has no key store: a folder encrypted by the
// desktop app is reported in one line with exit 3, never printed as garbage.
import { parseArgs } from 'node:util'
import { exportConversation, heardNote } from '../history/export'
import { HistoryLockedError, openHistoryStore, type HistoryStore } from '../history/history-store'
import { isConversationId, type Conversation } from '../history/types'
import { noKeyStoreCipher } from '../storage/no-key-store'
import { writeFileAtomic } from '../storage/atomic-file'
import { cliDataDir } from './data-dir'
import { readAssistantsFile } from '../assistants/assistants-store'
import { assistantLabel } from '../../shared/assistant-names'
import { CliError, ExitCode } from './exit-codes'
import type { CliIo } from './main'

export const HISTORY_USAGE = `Usage: npm run -s cli -- history <command> [--json]

  list                                  Conversations, newest first.
  show <id>                             One conversation.
  search <words…>                       Conversations containing every word (literal, any case).
  export <id> --format md|json [--out file]
                                        Markdown or JSON, to stdout or a file.
  delete <id>                           Delete one conversation for good.

The data folder is HARK_DATA_DIR, or the desktop app's. Exit codes: 0 ok, 2 usage or unknown
id, 3 the history is encrypted with a key the CLI cannot reach.`

const cliCipher = noKeyStoreCipher('The CLI has no key store.')

export async function runHistoryCommand(io: CliIo, argv: readonly string[]): Promise<ExitCode> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    throw new CliError(
      ExitCode.usage,
      `${error instanceof Error ? error.message.split('\n')[0] : 'Bad arguments.'} Run history --help for usage.`
    )
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help === true || command === undefined) {
    io.stdout(`${HISTORY_USAGE}\n`)
    return command === undefined && values.help !== true ? ExitCode.usage : ExitCode.ok
  }
  const store = await openHistoryStore({
    dataDir: cliDataDir(io.env),
    cipher: cliCipher,
    plainAllowed: false,
    writable: false
  })
  const json = values.json === true
  const print = (value: unknown): void => io.stdout(`${JSON.stringify(value, null, 2)}\n`)
  try {
    switch (command) {
      case 'list': {
        const list = await store.list()
        notices(io, list.notices)
        const assistants = await readAssistantsFile(cliDataDir(io.env))
        if (json) print(list)
        else
          for (const entry of list.conversations) {
            const who = assistantLabel(assistants, entry.assistantId)
            io.stdout(
              `${entry.id}  ${date(entry.startedAtMs)}  ${entry.title} (${entry.itemCount} items)${who === null ? '' : `  [${who}]`}\n`
            )
          }
        return ExitCode.ok
      }
      case 'show': {
        const conversation = await find(store, rest)
        notices(io, conversation.notices)
        if (json) print(conversation)
        else io.stdout(transcript(conversation))
        return ExitCode.ok
      }
      case 'search': {
        const query = rest.join(' ').trim()
        if (query === '')
          throw new CliError(ExitCode.usage, 'history search needs words to look for.')
        const { hits } = await store.search(query)
        if (json) print({ hits })
        else
          for (const hit of hits)
            io.stdout(`${hit.id}  ${hit.summary.title}: ${hit.snippet.text.replace(/\s+/g, ' ')}\n`)
        return ExitCode.ok
      }
      case 'export': {
        const format = values.format
        if (format !== 'md' && format !== 'json')
          throw new CliError(ExitCode.usage, 'history export needs --format md or --format json.')
        const conversation = await find(store, rest)
        const file = exportConversation(conversation, format)
        if (values.out === undefined) io.stdout(file.content)
        else await writeFileAtomic(values.out, file.content)
        return ExitCode.ok
      }
      case 'delete': {
        const id = idArgument(rest)
        if (!(await store.purge(id))) throw unknownId(id, store)
        io.stdout(`Deleted ${id}.\n`)
        return ExitCode.ok
      }
      default:
        throw new CliError(
          ExitCode.usage,
          `Unknown history command '${command}'. Run history --help for usage.`
        )
    }
  } catch (error) {
    if (error instanceof HistoryLockedError) throw new CliError(ExitCode.auth, error.message)
    throw error
  }
}

interface ParsedHistoryArgs {
  values: { json?: boolean; format?: string; out?: string; help?: boolean }
  positionals: string[]
}

function parse(argv: readonly string[]): ParsedHistoryArgs {
  return parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' }
    },
    strict: true,
    allowPositionals: true
  })
}

function idArgument(rest: string[]): string {
  const [id, extra] = rest
  if (id === undefined || extra !== undefined)
    throw new CliError(ExitCode.usage, 'Give exactly one conversation id (see history list).')
  return id
}

async function find(store: HistoryStore, rest: string[]): Promise<Conversation> {
  const id = idArgument(rest)
  const conversation = isConversationId(id) ? await store.get(id) : null
  if (!conversation) throw unknownId(id, store)
  return conversation
}

function unknownId(id: string, store: HistoryStore): CliError {
  return new CliError(ExitCode.usage, `No conversation '${id}' in the history at ${store.folder}.`)
}

function notices(io: CliIo, list: string[]): void {
  for (const notice of list) io.stderr(`hark: notice: ${notice}\n`)
}

function date(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ')
}

function transcript(conversation: Conversation): string {
  const lines = [`${conversation.title} — ${date(conversation.startedAtMs)}, ${conversation.model}`]
  for (const item of conversation.items) {
    if (item.kind === 'function_call')
      lines.push(`tool ${item.name ?? ''}(${item.arguments ?? ''}) → ${item.output ?? ''}`)
    else
      lines.push(
        `${item.role === 'user' ? 'You' : 'Hark'}: ${item.text ?? '(no words)'}${heardNote(item)}`
      )
  }
  return `${lines.join('\n')}\n`
}

/** `--save`: the CLI's turn goes into the history as a conversation of its own (plain files:
 * the CLI has no key store, and --save is the user's explicit choice). */
export async function saveCliTurn(
  env: CliIo['env'],
  turn: { model: string; voice: string; question: string | null; answer: string }
): Promise<void> {
  const store = await openHistoryStore({
    dataDir: cliDataDir(env),
    cipher: cliCipher,
    plainAllowed: true,
    writable: true
  })
  if (store.mode === 'locked')
    throw new CliError(ExitCode.auth, new HistoryLockedError(store.folder).message)
  const writer = store.begin({ model: turn.model, voice: turn.voice })
  const atMs = Date.now()
  writer.putItem({
    itemId: 'cli-question',
    kind: 'message',
    role: 'user',
    text: turn.question,
    status: 'completed',
    atMs
  })
  writer.putItem({
    itemId: 'cli-answer',
    kind: 'message',
    role: 'assistant',
    text: turn.answer.trim() || null,
    status: 'completed',
    atMs
  })
  writer.end()
}
