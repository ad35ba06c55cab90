import { describe, expect, it } from 'vitest'
import { answerOnTerminal, approvalQuestion, parseApprovalAnswer } from './terminal-approvals'

const request = { toolName: 'notes__add_note', argumentsText: '{\n  "text": "milk"\n}' }

describe('terminal approvals', () => {
  it('asks with the tool and its arguments on one line', () => {
    expect(approvalQuestion(request.toolName, request.argumentsText)).toBe(
      'Allow notes__add_note {"text":"milk"}? [y/N/a] '
    )
  })

  it('takes y as once, a as always, and anything else as no', () => {
    expect(parseApprovalAnswer('y')).toBe('once')
    expect(parseApprovalAnswer(' YES ')).toBe('once')
    expect(parseApprovalAnswer('a')).toBe('always')
    expect(parseApprovalAnswer('')).toBe('deny')
    expect(parseApprovalAnswer('sure')).toBe('deny')
  })

  it('approves everything with --yes and denies everything without a terminal', async () => {
    await expect(answerOnTerminal(request, { approveAll: true })).resolves.toBe('once')
    await expect(answerOnTerminal(request, { approveAll: false })).resolves.toBe('deny')
  })

  it('denies when the question cannot be answered (Ctrl-C at the prompt)', async () => {
    const prompt = (): Promise<string> => Promise.reject(new Error('aborted'))
    await expect(answerOnTerminal(request, { approveAll: false, prompt })).resolves.toBe('deny')
  })
})
