import { describe, expect, it } from 'vitest'
import { authHeaders, providerEndpointProblem } from './providers'

describe('providers', () => {
  it('sends Azure’s key as api-key and never as Authorization; others as a Bearer token', () => {
    expect(authHeaders('azure', 'k123')).toEqual({ 'api-key': 'k123' })
    expect(authHeaders('openai', 'k123')).toEqual({ Authorization: 'Bearer k123' })
    expect(authHeaders('compatible', 'k123')).toEqual({ Authorization: 'Bearer k123' })
  })

  it('refuses an Azure endpoint that is not wss://, except on this computer', () => {
    expect(
      providerEndpointProblem('azure', 'ws://contoso.openai.azure.com/openai/v1/realtime')
    ).toMatch(/only to this computer/)
    expect(
      providerEndpointProblem('azure', 'https://contoso.openai.azure.com/openai/v1/realtime')
    ).toMatch(/must start with wss:\/\//)
    expect(providerEndpointProblem('azure', 'ws://127.0.0.1:8080/openai/v1/realtime')).toBeNull()
    expect(
      providerEndpointProblem('azure', 'wss://contoso.openai.azure.com/openai/v1/realtime')
    ).toBeNull()
  })

  it('refuses OpenAI’s own endpoint for Azure, which would reject an Azure key', () => {
    expect(providerEndpointProblem('azure', 'wss://api.openai.com/v1/realtime')).toMatch(
      /needs your resource’s endpoint/
    )
    expect(providerEndpointProblem('openai', 'wss://api.openai.com/v1/realtime')).toBeNull()
  })
})
