// Tools with consent in the real renderer: a real MCP server over stdio (test/mcp) behind the
// browser host's core, the fake Realtime server scripting the model's function calls. What the
// user allows, denies or ignores is what the server receives as the call's output.
import { writeFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { join } from 'node:path'
import { createHarkMain } from '../src/main/app/hark-main'
import { unavailableToolServices } from '../src/main/tools/desktop-tool-services'
import { runOnlyCipher } from '../src/web-host/core'
import { startWebHost } from '../src/web-host/host'
import { testServerConfig } from '../test/mcp/launch'
import type { FakeRealtimeServer } from '../test/fake-realtime/index'
import { FAKE_API_KEY, connect, enterKey, expect, rendererDir, sendMessage, test } from './fixtures'

const toolTest = test.extend<{ approvalTimeoutMs: number }>({
  approvalTimeoutMs: [60_000, { option: true }],
  host: async ({ dataDir, coreEnv, approvalTimeoutMs }, use) => {
    await writeFile(
      join(dataDir, 'mcp.json'),
      JSON.stringify({ mcpServers: { notes: testServerConfig() } }, null, 2)
    )
    const host = await startWebHost({
      port: 0,
      rendererDir,
      router: createHarkMain({
        userDataDir: dataDir,
        env: coreEnv,
        cipher: runOnlyCipher,
        toolServices: unavailableToolServices('the browser host'),
        approvalTimeoutMs
      })
    })
    await use(Object.assign(host, { observations: [], progress: () => [] }))
    await host.close()
  }
})

/** "note <text>" makes the scripted model call the MCP server's add_note tool. */
function scriptNotes(fake: FakeRealtimeServer): void {
  fake.setOptions({
    toolCalls: (turn) =>
      turn.trigger === 'text' && turn.userText?.startsWith('note ')
        ? { name: 'notes__add_note', arguments: { text: turn.userText.slice(5) } }
        : null
  })
}

/**
 * Connect, then wait until the session declares the MCP server's tools: the server may still be
 * starting when the page connects (the session gets the list as it arrives, even mid-connect), and
 * a model only calls a tool its session has.
 */
async function connectWithNotes(app: Page, fake: FakeRealtimeServer): Promise<void> {
  await connect(app)
  await expect
    .poll(() =>
      (fake.session()?.tools ?? []).flatMap((t) => (t.type === 'function' ? [t.name] : []))
    )
    .toContain('notes__add_note')
}

/** The output the app sent for the n-th function call (0-based). */
async function outputOfCall(fake: FakeRealtimeServer, index: number): Promise<string> {
  const calls = (): string[] =>
    fake.responses.flatMap((r) => (r.toolCall ? [r.toolCall.callId] : []))
  await expect.poll(() => calls().length).toBeGreaterThan(index)
  const callId = calls()[index]
  const created = await fake.waitForClientEvent(
    'conversation.item.create',
    (recorded) => (recorded.event['item'] as { call_id?: string } | undefined)?.call_id === callId,
    15_000
  )
  return String((created.event['item'] as { output: unknown }).output)
}

toolTest('lists the MCP tools and runs a call the user allows once', async ({ app, fake }) => {
  scriptNotes(fake)
  await enterKey(app, FAKE_API_KEY)
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  const tools = app.getByRole('region', { name: 'Tools' })
  await expect(tools.locator('[data-server="notes"]')).toContainText('ready with 8 tools')
  await expect(tools.getByLabel('Policy for notes__echo')).toHaveValue('run')
  await expect(tools.getByLabel('Policy for notes__add_note')).toHaveValue('ask')
  await app.getByRole('button', { name: 'Settings', exact: true }).click()

  await connectWithNotes(app, fake)
  await sendMessage(app, 'note milk')
  const card = app.getByRole('alertdialog', { name: 'Allow notes__add_note?' })
  await expect(card).toContainText('"text": "milk"')
  await card.getByRole('button', { name: 'Allow once' }).click()
  await expect(card).toBeHidden()
  expect(await outputOfCall(fake, 0)).toBe('noted: milk (1 notes)')
  await expect(app.getByRole('list', { name: 'Tool calls' })).toContainText('notes__add_note')
  await expect(app.getByRole('list', { name: 'Tool calls' })).toContainText('done')
})

toolTest('Escape denies, and the model is told so', async ({ app, fake }) => {
  scriptNotes(fake)
  await enterKey(app, FAKE_API_KEY)
  await connectWithNotes(app, fake)
  await sendMessage(app, 'note secret')
  await expect(app.getByRole('alertdialog', { name: 'Allow notes__add_note?' })).toBeVisible()
  await app.keyboard.press('Escape')
  expect(await outputOfCall(fake, 0)).toBe('The user declined.')
  await expect(app.getByRole('list', { name: 'Tool calls' })).toContainText('not run')
})

toolTest.describe('without an answer', () => {
  toolTest.use({ approvalTimeoutMs: 2000 })
  toolTest('the call is denied when the time is up', async ({ app, fake }) => {
    scriptNotes(fake)
    await enterKey(app, FAKE_API_KEY)
    await connectWithNotes(app, fake)
    await sendMessage(app, 'note later')
    const card = app.getByRole('alertdialog', { name: 'Allow notes__add_note?' })
    // The card may come and go within the 2 s under load: the outcome is what is checked.
    expect(await outputOfCall(fake, 0)).toBe(
      'The user did not answer within 2 seconds, so the tool did not run.'
    )
    await expect(card).toBeHidden()
  })
})

toolTest('"Always allow" stops asking until it is revoked in Settings', async ({ app, fake }) => {
  scriptNotes(fake)
  await enterKey(app, FAKE_API_KEY)
  await connectWithNotes(app, fake)
  await sendMessage(app, 'note one')
  const card = app.getByRole('alertdialog', { name: 'Allow notes__add_note?' })
  await card.getByRole('button', { name: 'Always allow' }).click()
  expect(await outputOfCall(fake, 0)).toBe('noted: one (1 notes)')

  await sendMessage(app, 'note two')
  expect(await outputOfCall(fake, 1)).toBe('noted: two (2 notes)')
  await expect(card).toBeHidden()

  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  await app.getByRole('button', { name: 'Revoke “always allow” for notes__add_note' }).click()
  await expect(app.getByRole('button', { name: /Revoke/ })).toHaveCount(0)
  await app.getByRole('button', { name: 'Settings', exact: true }).click()
  await sendMessage(app, 'note three')
  await expect(card).toBeVisible()
  await card.getByRole('button', { name: 'Deny' }).click()
  expect(await outputOfCall(fake, 2)).toBe('The user declined.')
})
