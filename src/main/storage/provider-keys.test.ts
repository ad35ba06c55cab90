import { mkdtemp, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FakeCipher } from '../../../test/doubles/fake-controller'
import { createProviderKeys } from './provider-keys'

describe('one key per provider', () => {
  it('keeps each provider’s key apart, OpenAI’s in the file it always used', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-provider-keys-'))
    const keys = createProviderKeys({ dir, cipher: new FakeCipher(), env: {} })
    await keys.forProvider('openai').set('sk-openai-0123456789', true)
    await keys.forProvider('azure').set('9f2c4e6a8b0d1f3e5a7c', true)
    expect(await keys.forProvider('openai').read()).toBe('sk-openai-0123456789')
    expect(await keys.forProvider('azure').read()).toBe('9f2c4e6a8b0d1f3e5a7c')
    expect(await keys.forProvider('compatible').read()).toBeNull()
    expect((await readdir(dir)).sort()).toEqual(['api-key-azure.bin', 'api-key.bin'])
    const statuses = await keys.statuses()
    expect(statuses.compatible.configured).toBe(false)
    expect(JSON.stringify(statuses)).not.toContain('sk-openai')

    await keys.forProvider('azure').clear()
    expect(await keys.forProvider('azure').read()).toBeNull()
    expect(await keys.forProvider('openai').read()).toBe('sk-openai-0123456789')
  })

  it('reads each provider’s key from its own environment variable only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hark-provider-keys-'))
    const keys = createProviderKeys({
      dir,
      cipher: new FakeCipher(),
      env: { OPENAI_API_KEY: 'sk-env-openai', AZURE_OPENAI_API_KEY: 'az-env' }
    })
    expect(await keys.forProvider('azure').read()).toBe('az-env')
    expect(await keys.forProvider('compatible').read()).toBeNull()
    expect((await keys.statuses()).openai.source).toBe('environment')
  })
})
