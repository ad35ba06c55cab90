// Approvals for the CLI: asked on the terminal, `Allow <tool> <arguments>? [y/N/a]`; `--yes`
// approves everything; with no terminal to ask on, every call that needs approval is denied.
import type { ApprovalAnswer } from '../tools/approval-broker'

export interface TerminalApprovalOptions {
  approveAll: boolean
  /** Asks one question on the terminal; absent when standard input is not a terminal. */
  prompt?: (question: string) => Promise<string>
}

/** `y`/`yes` → once, `a`/`always` → always; anything else (Enter included) → deny. */
export function parseApprovalAnswer(text: string): ApprovalAnswer {
  const answer = text.trim().toLowerCase()
  if (answer === 'y' || answer === 'yes') return 'once'
  if (answer === 'a' || answer === 'always') return 'always'
  return 'deny'
}

export function approvalQuestion(toolName: string, argumentsText: string): string {
  let compact = argumentsText
  try {
    compact = JSON.stringify(JSON.parse(argumentsText))
  } catch {
    // Shown as the model sent it.
  }
  return `Allow ${toolName} ${compact}? [y/N/a] `
}

export async function answerOnTerminal(
  request: { toolName: string; argumentsText: string },
  options: TerminalApprovalOptions
): Promise<ApprovalAnswer> {
  if (options.approveAll) return 'once'
  if (!options.prompt) return 'deny'
  try {
    return parseApprovalAnswer(
      await options.prompt(approvalQuestion(request.toolName, request.argumentsText))
    )
  } catch {
    return 'deny'
  }
}
