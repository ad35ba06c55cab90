import { useId } from 'react'
import type { JSX } from 'react'
import { LIVE_MODELS } from '../../../shared/live-models'
import { KNOWN_VOICES } from '../../../shared/settings'
import type { Settings } from '../../../shared/settings'

export type EngineDraft = Pick<Settings, 'engine' | 'liveModel' | 'liveVoice'>

interface Props {
  value: EngineDraft
  onChange: (fields: Partial<EngineDraft>) => void
}

const ENGINES: { value: Settings['engine']; label: string; hint: string }[] = [
  {
    value: 'realtime',
    label: 'Realtime API',
    hint: 'Hark ends your turn the moment you let go; typed messages; Stop speaking cancels the answer.'
  },
  {
    value: 'live',
    label: 'GPT-Live',
    hint: 'Full duplex, for hands-free talk: GPT-Live decides when you have finished; billed per second.'
  }
]

/** Settings → Engine: the voice API, and GPT-Live's own model and voice (reference §2). */
export function EngineFields({ value, onChange }: Props): JSX.Element {
  const id = useId()
  return (
    <>
      <fieldset className="field">
        <legend className="field__label">Engine</legend>
        {ENGINES.map((engine) => (
          <label key={engine.value} className="check">
            <input
              type="radio"
              name={`${id}-engine`}
              value={engine.value}
              checked={value.engine === engine.value}
              onChange={() => onChange({ engine: engine.value })}
            />
            <span>
              {engine.label} <span className="muted">— {engine.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {value.engine === 'live' && (
        <>
          <label className="field">
            <span className="field__label">GPT-Live model</span>
            <select
              value={value.liveModel}
              onChange={(e) => onChange({ liveModel: e.target.value })}
            >
              {(LIVE_MODELS as readonly string[]).includes(value.liveModel) ? null : (
                <option value={value.liveModel}>{value.liveModel}</option>
              )}
              {LIVE_MODELS.map((model) => (
                <option key={model} value={model}>
                  {model}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">GPT-Live voice</span>
            <input
              value={value.liveVoice}
              list={`${id}-live-voices`}
              spellCheck={false}
              onChange={(e) => onChange({ liveVoice: e.target.value })}
            />
            <datalist id={`${id}-live-voices`}>
              {KNOWN_VOICES.map((voice) => (
                <option key={voice} value={voice} />
              ))}
            </datalist>
            <span className="muted">
              The model, voice and instructions apply from the next Connect. Hands-free or
              push-to-talk comes from Mode below; with GPT-Live both hands-free modes are the same.
            </span>
          </label>
        </>
      )}
    </>
  )
}
