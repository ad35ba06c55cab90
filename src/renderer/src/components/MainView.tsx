import { useEffect, useId, useState } from 'react'
import type { JSX } from 'react'
import { getEngine, stopSpeaking } from '../ipc/bridge'
import { useConnection } from '../stores/connection'
import { loadSettings, useSettings } from '../stores/settings'
import { beforeLiveSession } from '../audio/live-echo-hook'
import { codeOf, messageOf } from '../stores/errors'
import { ApprovalCard } from './ApprovalCard'
import { Composer } from './Composer'
import { HistoryView } from './HistoryView'
import { HistoryWarning } from './HistoryWarning'
import { ConversationLog } from './ConversationLog'
import { DeprecatedModelNotice } from './DeprecatedModelNotice'
import { MicMuted } from './MicMuted'
import { NewConversation } from './NewConversation'
import { UpdateNotice } from './UpdateNotice'
import { SettingsNotice } from './SettingsNotice'
import { SettingsPanel } from './SettingsPanel'
import { PlaybackIndicator, StatusBar } from './StatusBar'
import { PushToTalk } from './PushToTalk'
import { hark } from '../ipc/hark'
import { ToolActivityLog } from './ToolActivityLog'
import { BudgetNotice } from './BudgetNotice'
import { RebillingHint } from './RebillingHint'
import { ScreenLookBar } from './ScreenLookBar'
import { AssistantSwitcher } from './AssistantSwitcher'

function ConnectButton(): JSX.Element {
  const status = useConnection((state) => state.status)
  const [busy, setBusy] = useState(false)
  // Connecting and reconnecting count too: Disconnect then cancels the attempt or the backoff.
  const connectedOrConnecting = status !== 'disconnected'

  const onClick = (): void => {
    setBusy(true)
    if (!connectedOrConnecting) void getEngine()?.start()
    const action = connectedOrConnecting
      ? hark().session.stop()
      : beforeLiveSession(useSettings.getState().settings).then(() => hark().session.start())
    action
      .catch((error: unknown) =>
        useConnection.getState().errorReported(codeOf(error), messageOf(error))
      )
      .finally(() => setBusy(false))
  }

  return (
    <button
      type="button"
      className={`button ${connectedOrConnecting ? '' : 'button--primary'}`}
      onClick={onClick}
      disabled={busy && !connectedOrConnecting}
    >
      {connectedOrConnecting ? 'Disconnect' : 'Connect'}
    </button>
  )
}

/** The main window: status and controls, the conversation, the composer, settings. */
export function MainView({
  initialPanel = null
}: {
  /** Settings when the user chose another provider than OpenAI at the first start. */
  initialPanel?: 'settings' | null
}): JSX.Element {
  // One side panel at a time: Settings or History share the column beside the conversation.
  const [panel, setPanel] = useState<'settings' | 'history' | null>(initialPanel)
  const settingsOpen = panel === 'settings'
  const historyOpen = panel === 'history'
  const settingsHeadingId = useId()
  const historyHeadingId = useId()

  useEffect(() => {
    void loadSettings()
  }, [])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented) return
      void stopSpeaking(hark())
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  return (
    <div className={`app app--main${panel ? ' app--with-settings' : ''}`}>
      <header className="toolbar">
        <h1 className="brand">Hark</h1>
        <StatusBar />
        <PlaybackIndicator />
        <ConnectButton />
        <button
          type="button"
          className="button button--ghost"
          aria-expanded={historyOpen}
          onClick={() => setPanel(historyOpen ? null : 'history')}
        >
          History
        </button>
        <button
          type="button"
          className="button button--ghost"
          aria-expanded={settingsOpen}
          onClick={() => setPanel(settingsOpen ? null : 'settings')}
        >
          Settings
        </button>
      </header>
      <main className="conversation">
        <AssistantSwitcher />
        <SettingsNotice />
        <DeprecatedModelNotice />
        <UpdateNotice />
        <NewConversation />
        <BudgetNotice />
        <RebillingHint />
        <HistoryWarning />
        <ConversationLog />
        <ToolActivityLog />
        <ApprovalCard />
        <MicMuted />
        <PushToTalk />
        <ScreenLookBar />
        <Composer />
      </main>
      {settingsOpen && <SettingsPanel headingId={settingsHeadingId} />}
      {historyOpen && (
        <HistoryView headingId={historyHeadingId} onContinued={() => setPanel(null)} />
      )}
    </div>
  )
}
