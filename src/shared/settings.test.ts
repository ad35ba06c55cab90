import { describe, expect, it } from 'vitest'
import { defaultSettings, settingsPatchSchema, settingsSchema } from './settings'

describe('settings schema', () => {
  it('a patch keeps only the fields the user changed', () => {
    expect(settingsPatchSchema.parse({ voice: 'ash' })).toEqual({ voice: 'ash' })
  })

  it('a patch with an unknown field or a bad URL is refused', () => {
    expect(settingsPatchSchema.safeParse({ colour: 'red' }).success).toBe(false)
    expect(settingsPatchSchema.safeParse({ url: 'https://example.com' }).success).toBe(false)
  })

  it('a stored file with missing fields gets the defaults for them', () => {
    expect(settingsSchema.parse({ voice: 'ash' })).toEqual({ ...defaultSettings(), voice: 'ash' })
  })
})
