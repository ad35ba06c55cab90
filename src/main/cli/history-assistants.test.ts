// `history list` names each conversation's assistant once there are two or more (issue 14); an
// entry kept before assistants existed is the default assistant's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeCipher } from '../../../test/doubles/fake-controller'
import { assistantsFromSettings } from '../../shared/assistants'
import { settingsSchema } from '../../shared/settings'
import { ASSISTANTS_FILE_NAME } from '../assistants/assistants-store'
import { openHistoryStore } from '../history/history-store'
import { main } from './main'

let dir = ''
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('cli history list with assistants', () => {
  it('shows whose conversation each one is', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hark-cli-assistants-'))
    const cipher = new FakeCipher()
    cipher.available = false
    const store = await openHistoryStore({
      dataDir: dir,
      cipher,
      plainAllowed: true,
      writable: true
    })
    const item = (text: string): Parameters<ReturnType<typeof store.begin>['putItem']>[0] => ({
      itemId: `u_${text.length}`,
      kind: 'message',
      role: 'user',
      text,
      status: 'completed',
      atMs: 1
    })
    store.begin({ model: 'm', voice: 'v' }).putItem(item('An old question'))
    store
      .begin({ model: 'm', voice: 'v', assistantId: 'translator' })
      .putItem(item('Übersetze das bitte'))
    const file = assistantsFromSettings(settingsSchema.parse({}))
    const translator = {
      ...file.assistants[0]!,
      id: 'translator',
      name: 'Translator',
      hotkey: null
    }
    writeFileSync(
      join(dir, ASSISTANTS_FILE_NAME),
      JSON.stringify({ ...file, assistants: [...file.assistants, translator] })
    )
    let stdout = ''
    const exitCode = await main({
      argv: ['history', 'list'],
      env: { HARK_DATA_DIR: dir },
      stdout: (text) => (stdout += text),
      stderr: () => undefined
    })
    expect(exitCode).toBe(0)
    const lines = stdout.trim().split('\n')
    expect(lines.find((line) => line.includes('Übersetze'))).toMatch(
      /\(1 items\) {2}\[Translator\]$/
    )
    expect(lines.find((line) => line.includes('An old question'))).toMatch(
      /\(1 items\) {2}\[Hark\]$/
    )
  })
})
