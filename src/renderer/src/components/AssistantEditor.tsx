// One assistant's fields in Settings → Assistants. The first assistant is Settings itself: only
// its name is edited here, the rest is shown as Settings holds it. A refusal from main (or the
// page's own schema check) appears under the field it is about, in its own words.
import { useId } from 'react'
import type { JSX, ReactNode } from 'react'
import { DEFAULT_ASSISTANT_ID, type Assistant } from '../../../shared/assistants'
import { PROVIDERS, PROVIDER_INFO, type Provider } from '../../../shared/providers'
import { KNOWN_VOICES, type Settings } from '../../../shared/settings'
import { editAssistant, type AssistantField, type Refusal } from '../stores/assistants-draft'
import { editDraft } from '../stores/assistants-editor'
import { AssistantKeyNotice } from './AssistantKeyNotice'
import { AssistantToolPolicies } from './AssistantToolPolicies'

export function AssistantEditor(props: {
  assistant: Assistant
  settings: Settings
  refusal: Refusal | null
}): JSX.Element {
  const id = useId()
  const { assistant, refusal } = props
  const name = assistant.name.trim() || 'This assistant'
  const change = (fields: Partial<Omit<Assistant, 'id'>>): void =>
    editDraft((draft) => editAssistant(draft, assistant.id, fields))
  const problem = (field: AssistantField | null): ReactNode =>
    refusal !== null && refusal.field === field ? (
      <span className="error" role="alert">
        {refusal.message}
      </span>
    ) : null
  const isSettings = assistant.id === DEFAULT_ASSISTANT_ID
  return (
    <fieldset className="field settings__form assistants__editor" aria-label={`Assistant ${name}`}>
      <Labelled label="Assistant name" problem={problem('name')}>
        <input value={assistant.name} onChange={(e) => change({ name: e.target.value })} />
      </Labelled>
      {isSettings ? (
        <SettingsAssistant settings={props.settings} name={name} problem={problem} />
      ) : (
        <>
          <Labelled label="Assistant instructions" problem={problem('instructions')}>
            <textarea
              rows={4}
              value={assistant.instructions}
              onChange={(e) => change({ instructions: e.target.value })}
            />
          </Labelled>
          <Labelled label="Assistant voice" problem={problem('voice')}>
            <input
              value={assistant.voice}
              list={`${id}-voices`}
              spellCheck={false}
              onChange={(e) => change({ voice: e.target.value })}
            />
            <datalist id={`${id}-voices`}>
              {KNOWN_VOICES.map((voice) => (
                <option key={voice} value={voice} />
              ))}
            </datalist>
          </Labelled>
          <Labelled
            label="Assistant model"
            hint="On Azure OpenAI: your deployment’s name."
            problem={problem('model')}
          >
            <input
              value={assistant.model}
              spellCheck={false}
              onChange={(e) => change({ model: e.target.value })}
            />
          </Labelled>
          <Labelled label="Served by" problem={problem('provider')}>
            <select
              value={assistant.provider}
              onChange={(e) => change({ provider: e.target.value as Provider })}
            >
              {PROVIDERS.map((provider) => (
                <option key={provider} value={provider}>
                  {PROVIDER_INFO[provider].label}
                </option>
              ))}
            </select>
          </Labelled>
          <Labelled
            label="Assistant engine"
            hint="GPT-Live uses Settings’ GPT-Live model and voice."
            problem={problem('engine')}
          >
            <select
              value={assistant.engine ?? 'settings'}
              onChange={(e) => {
                const value = e.target.value
                change({ engine: value === 'realtime' || value === 'live' ? value : undefined })
              }}
            >
              <option value="settings">As in Settings</option>
              <option value="realtime">Realtime API</option>
              <option value="live">GPT-Live</option>
            </select>
          </Labelled>
          <Labelled
            label="Assistant endpoint"
            hint={
              assistant.provider === 'azure'
                ? 'wss://<resource>.openai.azure.com/openai/v1/realtime'
                : 'wss:// (ws:// only to this computer)'
            }
            problem={problem('url')}
          >
            <input
              type="url"
              value={assistant.url}
              spellCheck={false}
              onChange={(e) => change({ url: e.target.value })}
            />
          </Labelled>
          <Labelled
            label="Assistant talk hotkey"
            hint="Optional; no two assistants can share one."
            problem={problem('hotkey')}
          >
            <input
              value={assistant.hotkey ?? ''}
              spellCheck={false}
              autoComplete="off"
              placeholder="None (optional)"
              onChange={(e) =>
                change({ hotkey: e.target.value.trim() === '' ? null : e.target.value })
              }
            />
          </Labelled>
          <AssistantToolPolicies
            name={name}
            policies={assistant.toolPolicies}
            onChange={(toolPolicies) => change({ toolPolicies })}
          />
          {problem('toolPolicies')}
        </>
      )}
      <AssistantKeyNotice
        name={name}
        provider={isSettings ? props.settings.provider : assistant.provider}
      />
      {problem(null)}
    </fieldset>
  )
}

/** The first assistant: Settings above, shown as it is (edited there, not here). */
function SettingsAssistant(props: {
  settings: Settings
  name: string
  problem: (field: AssistantField) => ReactNode
}): JSX.Element {
  const { settings } = props
  return (
    <div className="field">
      <p className="hint">
        {props.name} is the first assistant: its instructions, voice, model, provider, endpoint,
        talk hotkey and tool policies are the ones in Settings above and in Tools; change them
        there.
      </p>
      <p className="muted">
        {PROVIDER_INFO[settings.provider].label} · {settings.model} · voice {settings.voice} ·
        hotkey {settings.hotkey}
      </p>
      {props.problem('url')}
      {props.problem('hotkey')}
    </div>
  )
}

/** A labelled field with its hint and, under it, the refusal about it (if any). */
function Labelled(props: {
  label: string
  hint?: string
  problem: ReactNode
  children: ReactNode
}): JSX.Element {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      {props.children}
      {props.hint !== undefined && <span className="muted">{props.hint}</span>}
      {props.problem}
    </label>
  )
}
