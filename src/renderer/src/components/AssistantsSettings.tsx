// Settings → Assistants (issue 14): the list (the active one marked), Add, Duplicate, Remove with
// a confirmation, Make active, and the editor of the one selected. The whole set is saved at once
// through `assistants.save`; main's refusal is shown at the field it names, in its own words.
import { useEffect, useState } from 'react'
import type { JSX } from 'react'
import { DEFAULT_ASSISTANT_ID } from '../../../shared/assistants'
import {
  addAssistant,
  canAdd,
  canRemove,
  duplicateAssistant,
  removeAssistant
} from '../stores/assistants-draft'
import {
  editDraft,
  loadAssistants,
  makeActive,
  saveAssistants,
  useAssistantsEditor
} from '../stores/assistants-editor'
import { useSettings } from '../stores/settings'
import { AssistantEditor } from './AssistantEditor'

export function AssistantsSettings(): JSX.Element {
  const settings = useSettings((state) => state.settings)
  const { draft, saved, notice, refusal, saving, savedNote, loadError } = useAssistantsEditor()
  const [confirming, setConfirming] = useState<string | null>(null)
  useEffect(() => {
    void loadAssistants()
  }, [])
  if (!draft || !settings || !saved)
    return <p className="muted">{loadError ?? 'Loading assistants…'}</p>

  const selected = draft.assistants.find((a) => a.id === draft.selectedId) ?? draft.assistants[0]
  const isSaved = (id: string): boolean => saved.assistants.some((a) => a.id === id)
  const unsaved = JSON.stringify(draft.assistants) !== JSON.stringify(saved.assistants)
  return (
    <section className="tools" aria-label="Assistants">
      <h3 className="settings__subtitle">Assistants</h3>
      <p className="hint">
        Each assistant has its own name, instructions, voice, model, provider, endpoint, talk hotkey
        and tool policies. The first one is what Settings above holds; the next Connect runs the
        active one.
      </p>
      {notice && <p className="notice">{notice}</p>}
      <ul className="tools__list" aria-label="Your assistants">
        {draft.assistants.map((assistant) => (
          <li key={assistant.id} className="row-between">
            <button
              type="button"
              className="button button--ghost"
              aria-pressed={assistant.id === selected?.id}
              onClick={() => editDraft((d) => ({ ...d, selectedId: assistant.id }))}
            >
              {assistant.name.trim() || 'Unnamed'}
            </button>
            {assistant.id === draft.activeId ? (
              <span className="muted">Active</span>
            ) : (
              <button
                type="button"
                className="button"
                aria-label={`Make ${assistant.name.trim()} active`}
                disabled={!isSaved(assistant.id)}
                title={isSaved(assistant.id) ? undefined : 'Save assistants first.'}
                onClick={() => void makeActive(assistant.id)}
              >
                Make active
              </button>
            )}
          </li>
        ))}
      </ul>
      <div className="assistants__actions">
        <button
          type="button"
          className="button"
          disabled={!canAdd(draft)}
          onClick={() => editDraft((d) => addAssistant(d, settings))}
        >
          Add assistant
        </button>
        {selected && (
          <button
            type="button"
            className="button"
            disabled={!canAdd(draft)}
            onClick={() => editDraft((d) => duplicateAssistant(d, selected.id, settings))}
          >
            Duplicate {selected.name.trim()}
          </button>
        )}
      </div>
      {selected && (
        <AssistantEditor
          key={selected.id}
          assistant={selected}
          settings={settings}
          refusal={refusal?.assistantId === selected.id ? refusal : null}
        />
      )}
      {selected && canRemove(draft, selected.id) && (
        <RemoveButton
          name={selected.name.trim()}
          confirming={confirming === selected.id}
          onAsk={(ask) => setConfirming(ask ? selected.id : null)}
          onRemove={() => {
            setConfirming(null)
            editDraft((d) => removeAssistant(d, selected.id))
          }}
        />
      )}
      {selected?.id === DEFAULT_ASSISTANT_ID && draft.assistants.length > 1 && (
        <p className="hint">The first assistant is Settings itself and cannot be removed.</p>
      )}
      {refusal && refusal.assistantId !== selected?.id && (
        <p className="error" role="alert">
          {refusal.message}
        </p>
      )}
      <div className="actions">
        <span className="muted" aria-live="polite">
          {savedNote ? 'Saved.' : unsaved ? 'Unsaved changes.' : ''}
        </span>
        <button
          type="button"
          className="button button--primary"
          disabled={saving}
          onClick={() => void saveAssistants(settings)}
        >
          Save assistants
        </button>
      </div>
    </section>
  )
}

function RemoveButton(props: {
  name: string
  confirming: boolean
  onAsk: (ask: boolean) => void
  onRemove: () => void
}): JSX.Element {
  if (!props.confirming)
    return (
      <div className="actions">
        <button type="button" className="button button--danger" onClick={() => props.onAsk(true)}>
          Remove {props.name}
        </button>
      </div>
    )
  return (
    <div className="banner" role="group" aria-label={`Remove ${props.name}?`}>
      <p>Remove {props.name}? Save assistants afterwards to make it final.</p>
      <button type="button" className="button button--danger" onClick={props.onRemove}>
        Yes, remove {props.name}
      </button>
      <button type="button" className="button" onClick={() => props.onAsk(false)}>
        Keep it
      </button>
    </div>
  )
}
