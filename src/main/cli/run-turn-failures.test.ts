import { describe, expect, it } from 'vitest'
import { RealtimeCoreError } from '../realtime/controller-api'
import { ExitCode } from './exit-codes'
import {
  pcmChunk,
  runScriptedTurn,
  ScriptedController,
  ZERO_USAGE
} from '../../../test/doubles/scripted-controller'

describe('runTurn: failures and their exit codes', () => {
  it('exits 5 when no complete reply arrives in time', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) =>
      c.play([
        { type: 'response_started', responseId: 'r' },
        { type: 'audio', responseId: 'r', itemId: 'i', pcm: pcmChunk(0, 480) }
      ])
    const { result } = await runScriptedTurn(controller, { timeoutMs: 50 })
    expect(result.exitCode).toBe(ExitCode.timeout)
    expect(result.errorMessage).toBe('No complete reply within 0.05 s.')
    expect(result.audio.byteLength).toBe(960)
    expect(controller.stopCalls).toBe(1)
  })

  it('exits 5 and says so when connecting alone takes longer than the timeout', async () => {
    const controller = new ScriptedController()
    controller.startBehaviour = 'hang'
    const { result } = await runScriptedTurn(controller, { timeoutMs: 30 })
    expect(result.exitCode).toBe(ExitCode.timeout)
    expect(result.errorMessage).toBe('Could not connect within 0.03 s.')
    expect(controller.stopCalls).toBe(1)
  })

  it('exits 3 when the key is rejected at connect', async () => {
    const controller = new ScriptedController()
    controller.startBehaviour = new RealtimeCoreError('auth', 'The API key was rejected (401).')
    const { result } = await runScriptedTurn(controller, { json: true })
    expect(result).toMatchObject({
      exitCode: ExitCode.auth,
      errorMessage: 'The API key was rejected (401).'
    })
  })

  it('exits 3 on an auth error event during the turn', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) =>
      c.play([{ type: 'error', code: 'auth', message: 'Invalid API key.' }])
    const { result } = await runScriptedTurn(controller)
    expect(result).toMatchObject({ exitCode: ExitCode.auth, errorMessage: 'Invalid API key.' })
  })

  it('exits 4 when the server cannot be reached', async () => {
    const controller = new ScriptedController()
    controller.startBehaviour = new RealtimeCoreError(
      'network',
      'Could not reach the Realtime server at 127.0.0.1:9 (ECONNREFUSED).'
    )
    const { result } = await runScriptedTurn(controller)
    expect(result.exitCode).toBe(ExitCode.connection)
    expect(result.errorMessage).toMatch(/ECONNREFUSED/)
  })

  it('exits 4 when the connection drops mid-reply, keeping what was printed', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) =>
      c.play([
        { type: 'response_started', responseId: 'r' },
        { type: 'transcript_delta', role: 'assistant', itemId: 'i', delta: 'It is' },
        { type: 'audio', responseId: 'r', itemId: 'i', pcm: pcmChunk(0, 480) },
        () => c.drop('The connection to the Realtime server dropped.', 'network')
      ])
    const { result, stdout } = await runScriptedTurn(controller)
    expect(result.exitCode).toBe(ExitCode.connection)
    expect(result.errorMessage).toBe('The connection to the Realtime server dropped.')
    expect(stdout).toBe('It is\n')
  })

  it('exits 4 for a drop without a code', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) => c.play([() => c.drop('Closed.')])
    expect((await runScriptedTurn(controller)).result.exitCode).toBe(ExitCode.connection)
  })

  it('exits 1 with the server’s reason when the response fails', async () => {
    const controller = new ScriptedController()
    controller.onTurn = (c) =>
      c.play([
        { type: 'response_started', responseId: 'r' },
        { type: 'error', code: 'rate_limit', message: 'Rate limit reached; try again later.' },
        { type: 'response_done', responseId: 'r', status: 'failed', usage: ZERO_USAGE }
      ])
    const { result } = await runScriptedTurn(controller)
    expect(result).toMatchObject({
      exitCode: ExitCode.other,
      errorMessage: 'Rate limit reached; try again later.'
    })
  })

  it('exits 1 for an unexpected exception from the core, as one line', async () => {
    const controller = new ScriptedController()
    controller.startBehaviour = new Error('boom\n    at somewhere (file.ts:1:1)')
    const { result } = await runScriptedTurn(controller)
    expect(result.exitCode).toBe(ExitCode.other)
    expect(result.errorMessage).toBe('boom at somewhere (file.ts:1:1)')
  })

  it('exits 130 when interrupted', async () => {
    const controller = new ScriptedController()
    const interrupt = new AbortController()
    controller.onTurn = () => interrupt.abort()
    const { result } = await runScriptedTurn(controller, { signal: interrupt.signal })
    expect(result).toMatchObject({ exitCode: ExitCode.interrupted, errorMessage: 'Interrupted.' })
    expect(controller.stopCalls).toBe(1)
  })
})
