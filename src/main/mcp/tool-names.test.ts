import { describe, expect, it } from 'vitest'
import { assignToolNames, MAX_TOOL_NAME_LENGTH } from './tool-names'

describe('assignToolNames', () => {
  it('joins server and tool with __ and replaces other characters', () => {
    expect(assignToolNames([{ server: 'my.files', tool: 'read file' }])).toEqual([
      'my_files__read_file'
    ])
  })

  it('keeps names within 64 characters', () => {
    const [name] = assignToolNames([{ server: 's'.repeat(50), tool: 't'.repeat(50) }])
    expect(name).toHaveLength(MAX_TOOL_NAME_LENGTH)
  })

  it('renames collisions the same way whatever order the servers answered in', () => {
    const a = { server: 'a.b', tool: 'x' }
    const b = { server: 'a_b', tool: 'x' }
    expect(assignToolNames([a, b])).toEqual(['a_b__x', 'a_b__x_2'])
    expect(assignToolNames([b, a])).toEqual(['a_b__x_2', 'a_b__x'])
  })

  it('never takes a reserved name, and suffixes long names within the limit', () => {
    const long = { server: 's'.repeat(40), tool: 't'.repeat(40) }
    const names = assignToolNames([long, { ...long }], ['notes__echo'])
    expect(names[0]).not.toBe(names[1])
    expect(names.every((name) => name.length <= 64 && /^[a-zA-Z0-9_-]+$/.test(name))).toBe(true)
    expect(assignToolNames([{ server: 'notes', tool: 'echo' }], ['notes__echo'])).toEqual([
      'notes__echo_2'
    ])
  })
})
