import { describe, expect, it } from 'vitest'
import { createGetCurrentTimeTool, currentTime } from './clock'

const noon = new Date('2026-03-01T12:00:00Z')

/** The SDK invokes tools with the model's raw JSON arguments; no run context is needed here. */
function invoke(args: string): Promise<unknown> {
  const tool = createGetCurrentTimeTool(() => noon)
  return tool.invoke({} as Parameters<typeof tool.invoke>[0], args)
}

describe('currentTime', () => {
  it('formats the instant in the given zone', () => {
    const time = currentTime(noon, 'Asia/Tokyo')
    expect(time.timeZone).toBe('Asia/Tokyo')
    expect(time.iso).toBe('2026-03-01T12:00:00.000Z')
    expect(time.local).toContain('9:00:00 PM')
  })

  it('throws RangeError for an unknown zone', () => {
    expect(() => currentTime(noon, 'Mars/Olympus_Mons')).toThrow(RangeError)
  })
})

describe('get_current_time tool', () => {
  it('tells the model the parameter is a nullable string it must send (strict mode)', () => {
    const tool = createGetCurrentTimeTool()
    expect(tool.name).toBe('get_current_time')
    expect(tool.parameters).toMatchObject({
      type: 'object',
      properties: { timeZone: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      required: ['timeZone'],
      additionalProperties: false
    })
  })

  it('answers for a named zone', async () => {
    const output = JSON.parse(String(await invoke('{"timeZone":"UTC"}'))) as {
      timeZone: string
      local: string
    }
    expect(output.timeZone).toBe('UTC')
    expect(output.local).toContain('12:00:00 PM')
  })

  it('uses the system zone for null and for a missing argument', async () => {
    const system = Intl.DateTimeFormat().resolvedOptions().timeZone
    for (const args of ['{"timeZone":null}', '{}']) {
      const output = JSON.parse(String(await invoke(args))) as { timeZone: string }
      expect(output.timeZone).toBe(system)
    }
  })

  it('returns an error text the model can act on for an unknown zone', async () => {
    expect(JSON.parse(String(await invoke('{"timeZone":"Mars/Olympus_Mons"}')))).toEqual({
      error: 'Unknown time zone: Mars/Olympus_Mons'
    })
  })
})
