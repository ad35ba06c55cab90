import { useId } from 'react'
import type { JSX } from 'react'
import {
  CURRENT_MODELS,
  DEPRECATED_REALTIME_MODELS,
  REASONING_EFFORTS,
  TRANSCRIPTION_MODELS,
  isReasoningModel,
  modelDeprecation
} from '../../../shared/models'
import type { Settings } from '../../../shared/settings'

export type ModelDraft = Pick<Settings, 'model' | 'reasoningEffort' | 'transcriptionModel'>

interface Props {
  value: ModelDraft
  onChange: (fields: Partial<ModelDraft>) => void
}

function ShutdownHint({ model }: { model: string }): JSX.Element | null {
  const deprecation = modelDeprecation(model)
  if (!deprecation) return null
  return (
    <span className="hint" role="status">
      {model} shuts down on {deprecation.shutdownDate}; choose {deprecation.replacement}.
    </span>
  )
}

/**
 * Model (the current generation offered, free text for other servers, deprecated ones marked
 * with their shutdown date), reasoning effort (reasoning models only) and input transcription.
 */
export function ModelFields({ value, onChange }: Props): JSX.Element {
  const id = useId()
  const reasons = isReasoningModel(value.model)
  return (
    <>
      <label className="field">
        <span className="field__label">Model</span>
        <input
          value={value.model}
          list={`${id}-models`}
          spellCheck={false}
          onChange={(e) => onChange({ model: e.target.value })}
        />
        <datalist id={`${id}-models`}>
          {CURRENT_MODELS.map((model) => (
            <option key={model.id} value={model.id} label={model.label} />
          ))}
          {DEPRECATED_REALTIME_MODELS.map((model) => (
            <option
              key={model}
              value={model}
              label={`${model} (shuts down ${modelDeprecation(model)?.shutdownDate ?? ''})`}
            />
          ))}
        </datalist>
        <ShutdownHint model={value.model} />
      </label>
      <label className="field">
        <span className="field__label">Reasoning effort</span>
        <select
          value={value.reasoningEffort}
          disabled={!reasons}
          onChange={(e) =>
            onChange({ reasoningEffort: e.target.value as ModelDraft['reasoningEffort'] })
          }
        >
          {REASONING_EFFORTS.map((effort) => (
            <option key={effort} value={effort}>
              {effort}
            </option>
          ))}
        </select>
        <span className="muted">
          {reasons
            ? 'More effort answers harder questions better, and starts answering later.'
            : 'This model does not reason; nothing is sent.'}
        </span>
      </label>
      <label className="field">
        <span className="field__label">Transcription model</span>
        <input
          value={value.transcriptionModel}
          list={`${id}-transcribers`}
          spellCheck={false}
          onChange={(e) => onChange({ transcriptionModel: e.target.value })}
        />
        <datalist id={`${id}-transcribers`}>
          {TRANSCRIPTION_MODELS.map((model) => (
            <option key={model} value={model} />
          ))}
        </datalist>
        <ShutdownHint model={value.transcriptionModel} />
      </label>
    </>
  )
}
