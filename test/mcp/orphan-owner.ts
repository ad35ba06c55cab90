// A Hark stand-in for the orphan test (test/integration/mcp-orphans.test.ts): starts the tool
// runtime on a data folder, prints the MCP server's pid once it is ready, then waits to be killed.
import { ToolRuntime } from '../../src/main/app/tool-runtime'
import { unavailableToolServices } from '../../src/main/tools/desktop-tool-services'

const dataDir = process.argv[2] ?? ''
const runtime = new ToolRuntime({
  dataDir,
  services: unavailableToolServices('the orphan test'),
  log: () => undefined,
  broadcast: () => undefined,
  resolvePath: () => Promise.resolve(process.env['PATH'])
})
await runtime.start()
for (;;) {
  const pid = runtime.mcp.connection('notes')?.pid
  if (pid !== undefined && runtime.mcp.servers()[0]?.state === 'ready') {
    process.stdout.write(`${pid}\n`)
    break
  }
  await new Promise((resolve) => setTimeout(resolve, 25))
}
setInterval(() => undefined, 60_000)
