// The user's choices per tool: a policy that overrides the tool's default, and "always allow".
// Kept in `tool-permissions.json` in the data folder. A file Hark cannot read is ignored (every
// tool keeps its default, and defaults never skip a question for an `ask` tool).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../storage/atomic-file'
import { normalizePolicy, type ToolPolicy } from './tool-types'

export interface ToolPermissionsData {
  policies: Record<string, ToolPolicy>
  alwaysAllowed: string[]
}

export interface ToolPermissions {
  load(): Promise<void>
  policyOverride(name: string): ToolPolicy | undefined
  isAlwaysAllowed(name: string): boolean
  setPolicy(name: string, policy: ToolPolicy): Promise<void>
  allowAlways(name: string): Promise<void>
  revoke(name: string): Promise<void>
}

export const TOOL_PERMISSIONS_FILE = 'tool-permissions.json'

function parsePermissions(text: string): ToolPermissionsData {
  const raw = JSON.parse(text) as unknown
  const data: ToolPermissionsData = { policies: {}, alwaysAllowed: [] }
  if (typeof raw !== 'object' || raw === null) return data
  const { policies, alwaysAllowed } = raw as Record<string, unknown>
  if (typeof policies === 'object' && policies !== null)
    for (const [name, policy] of Object.entries(policies))
      data.policies[name] = normalizePolicy(policy)
  if (Array.isArray(alwaysAllowed))
    data.alwaysAllowed = alwaysAllowed.filter((name): name is string => typeof name === 'string')
  return data
}

export function createToolPermissions(dir: string | null): ToolPermissions {
  const path = dir === null ? null : join(dir, TOOL_PERMISSIONS_FILE)
  let data: ToolPermissionsData = { policies: {}, alwaysAllowed: [] }
  const save = async (): Promise<void> => {
    if (path !== null) await writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`)
  }
  return {
    async load() {
      if (path === null) return
      try {
        data = parsePermissions(await readFile(path, 'utf8'))
      } catch {
        data = { policies: {}, alwaysAllowed: [] }
      }
    },
    policyOverride: (name) => data.policies[name],
    isAlwaysAllowed: (name) => data.alwaysAllowed.includes(name),
    async setPolicy(name, policy) {
      data = { ...data, policies: { ...data.policies, [name]: normalizePolicy(policy) } }
      await save()
    },
    async allowAlways(name) {
      if (data.alwaysAllowed.includes(name)) return
      data = { ...data, alwaysAllowed: [...data.alwaysAllowed, name] }
      await save()
    },
    async revoke(name) {
      data = { ...data, alwaysAllowed: data.alwaysAllowed.filter((entry) => entry !== name) }
      await save()
    }
  }
}
