// MCP tools reach the model as `<server>__<tool>`: only `[a-zA-Z0-9_-]`, at most 64 characters,
// unique across every server and Hark's own tools. Collisions are renamed deterministically:
// entries are taken in (server, tool) order and a taken name gets `_2`, `_3`, …
export const MAX_TOOL_NAME_LENGTH = 64

const clean = (text: string): string => text.replace(/[^a-zA-Z0-9_-]/g, '_')

function fit(base: string, suffix: string): string {
  return base.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length) + suffix
}

export interface ToolNameRequest {
  server: string
  tool: string
}

/** The model-facing name of each request, in the order given; `reserved` names are never used. */
export function assignToolNames(
  requests: readonly ToolNameRequest[],
  reserved: Iterable<string> = []
): string[] {
  const taken = new Set(reserved)
  const order = requests
    .map((request, index) => ({ request, index }))
    .sort((a, b) =>
      a.request.server === b.request.server
        ? a.request.tool < b.request.tool
          ? -1
          : a.request.tool > b.request.tool
            ? 1
            : a.index - b.index
        : a.request.server < b.request.server
          ? -1
          : 1
    )
  const names: string[] = new Array<string>(requests.length)
  for (const { request, index } of order) {
    const base = `${clean(request.server)}__${clean(request.tool)}`
    let name = fit(base, '')
    for (let n = 2; taken.has(name); n++) name = fit(base, `_${n}`)
    taken.add(name)
    names[index] = name
  }
  return names
}
