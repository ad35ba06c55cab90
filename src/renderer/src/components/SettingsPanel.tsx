import { useId, useState } from 'react'
import type { FormEvent, JSX } from 'react'
import { KNOWN_VOICES, settingsPatchSchema } from '../../../shared/settings'
import type { Settings } from '../../../shared/settings'
import { clearKey, useKey } from '../stores/key'
import { DesktopFields } from './DesktopFields'
import { EngineFields } from './EngineFields'
import { HistorySettings } from './HistorySettings'
import { MicrophoneFields } from './MicrophoneFields'
import { OverlayAndEchoSettings } from './OverlayAndEchoSettings'
import { ModelFields } from './ModelFields'
import { ConnectingFields } from './ConnectingFields'
import { ProviderFields } from './ProviderFields'
import { ToolsSettings } from './ToolsSettings'
import { BudgetSettings } from './BudgetSettings'
import { AssistantsSettings } from './AssistantsSettings'
import { ScreenHotkeyField } from './ScreenHotkeyField'
import { saveSettings, useSettings } from '../stores/settings'

const MODES: { value: Settings['turnDetection']; label: string; hint: string }[] = [
  { value: 'none', label: 'Push-to-talk', hint: 'Hold the hotkey while you speak.' },
  {
    value: 'semantic_vad',
    label: 'Hands-free (semantic)',
    hint: 'Hark decides when you are done.'
  },
  { value: 'server_vad', label: 'Hands-free (server VAD)', hint: 'Ends your turn after silence.' }
]

type Draft = Pick<
  Settings,
  | 'model'
  | 'reasoningEffort'
  | 'transcriptionModel'
  | 'voice'
  | 'instructions'
  | 'turnDetection'
  | 'url'
  | 'inputDeviceLabel'
  | 'autoGainControl'
  | 'hotkey'
  | 'launchAtLogin'
  | 'tracing'
  | 'engine'
  | 'liveModel'
  | 'liveVoice'
  | 'idleDisconnectMinutes'
  | 'keepMicrophoneReady'
  | 'provider'
  | 'updateChecks'
>

const draftOf = (settings: Settings): Draft => ({
  model: settings.model,
  reasoningEffort: settings.reasoningEffort,
  transcriptionModel: settings.transcriptionModel,
  voice: settings.voice,
  instructions: settings.instructions,
  turnDetection: settings.turnDetection,
  url: settings.url,
  inputDeviceLabel: settings.inputDeviceLabel,
  autoGainControl: settings.autoGainControl,
  hotkey: settings.hotkey,
  launchAtLogin: settings.launchAtLogin,
  tracing: settings.tracing,
  engine: settings.engine,
  liveModel: settings.liveModel,
  liveVoice: settings.liveVoice,
  idleDisconnectMinutes: settings.idleDisconnectMinutes,
  keepMicrophoneReady: settings.keepMicrophoneReady,
  provider: settings.provider,
  updateChecks: settings.updateChecks
})

function SettingsForm({ settings }: { settings: Settings }): JSX.Element {
  const id = useId()
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings))
  const [saved, setSaved] = useState(false)
  const [invalid, setInvalid] = useState<string | null>(null)
  const saving = useSettings((state) => state.saving)
  const error = useSettings((state) => state.error)
  const notice = useSettings((state) => state.notice)
  const keyStatus = useKey((state) => state.status)

  const update = (fields: Partial<Draft>): void => {
    setDraft((current) => ({ ...current, ...fields }))
    setSaved(false)
    setInvalid(null)
  }
  const change = <K extends keyof Draft>(field: K, value: Draft[K]): void => {
    update({ [field]: value })
  }
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault()
    // The same schema main validates with: say what is wrong before the round trip.
    const parsed = settingsPatchSchema.safeParse(draft)
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? 'These settings are not valid.')
      return
    }
    void saveSettings(parsed.data).then(setSaved)
  }

  return (
    <form className="settings__form" onSubmit={onSubmit}>
      {notice && <p className="notice">{notice}</p>}
      <EngineFields value={draft} onChange={update} />
      <ModelFields value={draft} onChange={update} />
      <label className="field">
        <span className="field__label">Voice</span>
        <input
          value={draft.voice}
          list={`${id}-voices`}
          spellCheck={false}
          onChange={(e) => change('voice', e.target.value)}
        />
        <datalist id={`${id}-voices`}>
          {KNOWN_VOICES.map((voice) => (
            <option key={voice} value={voice} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span className="field__label">Instructions</span>
        <textarea
          rows={4}
          value={draft.instructions}
          onChange={(e) => change('instructions', e.target.value)}
        />
      </label>
      <fieldset className="field">
        <legend className="field__label">Mode</legend>
        {MODES.map((mode) => (
          <label key={mode.value} className="check">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode.value}
              checked={draft.turnDetection === mode.value}
              onChange={() => change('turnDetection', mode.value)}
            />
            <span>
              {mode.label} <span className="muted">— {mode.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <MicrophoneFields
        deviceLabel={draft.inputDeviceLabel}
        autoGainControl={draft.autoGainControl}
        onDeviceLabel={(label) => change('inputDeviceLabel', label)}
        onAutoGainControl={(on) => change('autoGainControl', on)}
      />
      <ConnectingFields value={draft} onChange={update} />
      <label className="field">
        <span className="field__label">Talk hotkey</span>
        <input
          type="text"
          value={draft.hotkey}
          spellCheck={false}
          autoComplete="off"
          placeholder="CommandOrControl+Shift+Space"
          onChange={(e) => change('hotkey', e.target.value)}
        />
        <span className="muted">
          Works while another app has focus: hold to talk, or tap to start and tap to stop.
        </span>
      </label>
      <ScreenHotkeyField />
      <HistorySettings />
      <BudgetSettings />
      <OverlayAndEchoSettings />
      <DesktopFields
        launchAtLogin={draft.launchAtLogin}
        onLaunchAtLogin={(on) => change('launchAtLogin', on)}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={draft.updateChecks}
          onChange={(e) => change('updateChecks', e.target.checked)}
        />
        <span>Check for updates</span>
      </label>
      <p className="hint">
        At start and daily, from Hark&apos;s GitHub releases; a new version downloads in the
        background and installs only when you choose Restart to update, or when you quit while not
        connected.
      </p>
      <ProviderFields
        provider={draft.provider}
        url={draft.url}
        onProvider={(p) => change('provider', p)}
      />
      <label className="field">
        <span className="field__label">Endpoint URL</span>
        <input
          type="url"
          value={draft.url}
          spellCheck={false}
          onChange={(e) => change('url', e.target.value)}
        />
        <span className="muted">
          Your API key goes to this server. wss:// only (ws:// just to this computer); a new host
          must be confirmed in a dialog from Hark itself.
        </span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.tracing}
          onChange={(e) => change('tracing', e.target.checked)}
        />
        <span>Let OpenAI keep traces of conversations</span>
      </label>
      <p className="hint">
        When on, OpenAI stores a trace of each session (what was said and done) in your
        platform&apos;s Traces dashboard. Off by default: Hark asks for no traces.
      </p>
      {(invalid ?? error) && (
        <p className="error" role="alert">
          {invalid ?? error}
        </p>
      )}
      <div className="actions">
        <span className="muted" aria-live="polite">
          {saved ? 'Saved.' : ''}
        </span>
        <button type="submit" className="button button--primary" disabled={saving}>
          Save settings
        </button>
      </div>
      {keyStatus && keyStatus.source !== 'environment' && keyStatus.configured && (
        <div className="actions actions--split">
          <span className="muted">
            {keyStatus.source === 'this-run-only'
              ? 'Your key is kept for this run only.'
              : 'Your key is stored encrypted on this computer.'}
          </span>
          <button type="button" className="button button--danger" onClick={() => void clearKey()}>
            Remove API key
          </button>
        </div>
      )}
      {keyStatus?.source === 'environment' && (
        <p className="hint">
          The key comes from the <code>OPENAI_API_KEY</code> environment variable.
        </p>
      )}
    </form>
  )
}

/** Settings, saved with `hark.settings.set(patch)`. */
export function SettingsPanel({ headingId }: { headingId: string }): JSX.Element {
  const settings = useSettings((state) => state.settings)
  const error = useSettings((state) => state.error)
  return (
    <section className="settings" aria-labelledby={headingId}>
      <h2 id={headingId} className="settings__title">
        Settings
      </h2>
      {settings ? (
        <SettingsForm settings={settings} />
      ) : (
        <p className="muted">{error ?? 'Loading settings…'}</p>
      )}
      <ToolsSettings />
      <AssistantsSettings />
    </section>
  )
}
