// A conversation as a file the user takes away: Markdown to read, JSON to process. Both are made
// from what the store read (decrypted); the user chooses where they go.
import type { Conversation, StoredItem } from './types'

export type ExportFormat = 'md' | 'json'

export interface ExportedFile {
  fileName: string
  mimeType: string
  content: string
}

export function exportConversation(conversation: Conversation, format: ExportFormat): ExportedFile {
  const base = `hark-${conversation.id}`
  if (format === 'json')
    return {
      fileName: `${base}.json`,
      mimeType: 'application/json',
      content: `${JSON.stringify({ format: 'hark-conversation', version: 1, ...conversation }, null, 2)}\n`
    }
  return { fileName: `${base}.md`, mimeType: 'text/markdown', content: toMarkdown(conversation) }
}

function toMarkdown(conversation: Conversation): string {
  const lines = [
    `# ${conversation.title}`,
    '',
    `- Started: ${new Date(conversation.startedAtMs).toISOString()}`,
    `- Model: ${conversation.model || 'unknown'}, voice: ${conversation.voice || 'unknown'}`
  ]
  if (conversation.continuedFrom) lines.push(`- Continued from: ${conversation.continuedFrom}`)
  if (conversation.recording) lines.push(`- Recording: ${conversation.recording}`)
  lines.push('')
  for (const item of conversation.items) lines.push(...itemMarkdown(item), '')
  for (const notice of conversation.notices) lines.push(`> ${notice}`, '')
  return `${lines.join('\n').trimEnd()}\n`
}

export function heardNote(item: StoredItem): string {
  if (item.status !== 'incomplete') return ''
  return item.heardMs === undefined
    ? ' (interrupted)'
    : ` (interrupted, heard up to ${(item.heardMs / 1000).toFixed(1)} s)`
}

function itemMarkdown(item: StoredItem): string[] {
  if (item.kind === 'function_call')
    return [
      `**Tool ${item.name ?? 'call'}**(${item.arguments ?? ''}) → ${item.output ?? '(no result)'}`
    ]
  const who = item.role === 'user' ? 'You' : 'Hark'
  return [`**${who}:** ${item.text ?? '(no words)'}${heardNote(item)}`]
}
