import type { JSX } from 'react'
import { modelDeprecation } from '../../../shared/models'
import type { Settings } from '../../../shared/settings'
import { saveSettings, useSettings } from '../stores/settings'

type ModelField = 'model' | 'transcriptionModel'
const FIELDS: { field: ModelField; what: string }[] = [
  { field: 'model', what: 'model' },
  { field: 'transcriptionModel', what: 'transcription model' }
]

function Notice({
  settings,
  field,
  what
}: {
  settings: Settings
  field: ModelField
  what: string
}): JSX.Element | null {
  const saving = useSettings((state) => state.saving)
  const model = settings[field]
  const deprecation = modelDeprecation(model)
  if (!deprecation) return null
  return (
    <div className="banner" role="alert">
      <p>
        Your {what}, {model}, shuts down on {deprecation.shutdownDate}; Hark stops working with it
        then.
      </p>
      <button
        type="button"
        className="button"
        disabled={saving}
        onClick={() => void saveSettings({ [field]: deprecation.replacement })}
      >
        Switch to {deprecation.replacement}
      </button>
    </div>
  )
}

/** A stored setting naming a model with an announced shutdown, with a one-click switch. */
export function DeprecatedModelNotice(): JSX.Element | null {
  const settings = useSettings((state) => state.settings)
  if (!settings) return null
  return (
    <>
      {FIELDS.map(({ field, what }) => (
        <Notice key={field} settings={settings} field={field} what={what} />
      ))}
    </>
  )
}
