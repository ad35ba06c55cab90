import { describe, expect, it } from 'vitest'
import { deprecationWarning, isReasoningModel, modelDeprecation } from './models'
import { defaultSettings, settingsPatchSchema, settingsSchema } from './settings'

describe('models', () => {
  it('marks the models the openai 7.59 typings deprecate, with date and replacement', () => {
    expect(modelDeprecation('gpt-realtime')).toEqual({
      shutdownDate: '2027-01-20',
      replacement: 'gpt-realtime-2.1'
    })
    expect(modelDeprecation('gpt-realtime-mini')?.replacement).toBe('gpt-realtime-2.1-mini')
    expect(modelDeprecation('gpt-4o-mini-transcribe')).toEqual({
      shutdownDate: '2027-02-26',
      replacement: 'gpt-realtime-whisper'
    })
    for (const current of [
      'gpt-realtime-2.1',
      'gpt-realtime-1.5',
      'gpt-realtime-whisper',
      'toString'
    ])
      expect(modelDeprecation(current)).toBeNull()
    expect(deprecationWarning('whisper-1')).toBe(
      'The model whisper-1 shuts down on 2027-02-26; switch to gpt-realtime-whisper.'
    )
  })

  it('only the 2.x family reasons', () => {
    expect(
      ['gpt-realtime-2', 'gpt-realtime-2.1', 'gpt-realtime-2.1-mini'].map(isReasoningModel)
    ).toEqual([true, true, true])
    expect(
      ['gpt-realtime-1.5', 'gpt-realtime', 'gpt-realtime-20', 'llama'].map(isReasoningModel)
    ).toEqual([false, false, false, false])
  })

  it('defaults: gpt-realtime-2.1, low effort, a transcriber with no announced shutdown', () => {
    expect(defaultSettings()).toMatchObject({
      model: 'gpt-realtime-2.1',
      reasoningEffort: 'low',
      transcriptionModel: 'gpt-realtime-whisper'
    })
    expect(modelDeprecation(defaultSettings().transcriptionModel)).toBeNull()
  })

  it('a stored deprecated model is kept (the window offers the switch); a bad effort is refused', () => {
    expect(settingsSchema.parse({ model: 'gpt-realtime' }).model).toBe('gpt-realtime')
    expect(settingsPatchSchema.safeParse({ reasoningEffort: 'max' }).success).toBe(false)
    expect(settingsPatchSchema.safeParse({ transcriptionModel: ' ' }).success).toBe(false)
  })
})
