// The IPC contract's channel list as plain data, for the preload: it builds `window.hark` from
// names and kinds only, so its bundle carries no zod (validation stays in main, which parses
// every payload against src/shared/ipc.ts). The table is checked against the contract by the
// compiler: a channel added to ipcContract without its line here, or with another kind, fails
// the typecheck, naming it.
import type { EventChannel, InvokeChannel, IpcChannel, IpcContract, SendChannel } from './ipc'

type ChannelKind = 'invoke' | 'send' | 'event'

export const channelKinds = {
  'session.start': 'invoke',
  'session.stop': 'invoke',
  'session.newConversation': 'invoke',
  'session.sendText': 'invoke',
  'session.interrupt': 'invoke',
  'settings.get': 'invoke',
  'settings.set': 'invoke',
  'key.set': 'invoke',
  'key.clear': 'invoke',
  'key.status': 'invoke',
  'hotkey.status': 'invoke',
  'mic.status': 'invoke',
  'mic.setMuted': 'invoke',
  'app.capabilities': 'invoke',
  'app.openLogsFolder': 'invoke',
  'history.status': 'invoke',
  'history.list': 'invoke',
  'history.search': 'invoke',
  'history.get': 'invoke',
  'history.rename': 'invoke',
  'history.delete': 'invoke',
  'history.restore': 'invoke',
  'history.deleteAll': 'invoke',
  'history.export': 'invoke',
  'history.continue': 'invoke',
  'history.recording': 'invoke',
  'tools.overview': 'invoke',
  'tools.approve': 'invoke',
  'tools.deny': 'invoke',
  'tools.setPolicy': 'invoke',
  'tools.revoke': 'invoke',
  'mcp.saveServer': 'invoke',
  'mcp.removeServer': 'invoke',
  'mcp.claudeServers': 'invoke',
  'mcp.importClaude': 'invoke',
  'audio.append': 'send',
  'playback.progress': 'send',
  'ptt.down': 'send',
  'ptt.up': 'send',
  'ptt.cancel': 'send',
  'session.status': 'event',
  'audio.delta': 'event',
  'audio.flush': 'event',
  'audio.done': 'event',
  'transcript.delta': 'event',
  'transcript.done': 'event',
  'speech.started': 'event',
  'speech.stopped': 'event',
  'history.updated': 'event',
  'response.started': 'event',
  'response.done': 'event',
  'tool.call': 'event',
  'item.truncated': 'event',
  'turn.metrics': 'event',
  error: 'event',
  'hotkey.talkStart': 'event',
  'hotkey.talkEnd': 'event',
  'hotkey.talkCancel': 'event',
  'hotkey.statusChanged': 'event',
  'mic.muteChanged': 'event',
  'history.changed': 'event',
  'tools.approvalRequested': 'event',
  'tools.approvalEnded': 'event',
  'tools.activity': 'event',
  'tools.changed': 'event',
  'spend.status': 'invoke',
  'spend.continueOnce': 'invoke',
  'spend.changed': 'event',
  'providerKey.set': 'invoke',
  'providerKey.clear': 'invoke',
  'providerKey.statuses': 'invoke',
  'update.status': 'invoke',
  'update.install': 'invoke',
  'update.statusChanged': 'event',
  'assistants.get': 'invoke',
  'assistants.save': 'invoke',
  'assistants.switch': 'invoke',
  'overlay.pointer': 'send',
  'capture.level': 'event',
  'screen.attach': 'invoke',
  'screen.discard': 'invoke',
  'screen.captureFailed': 'invoke',
  'screen.hotkeyProblem': 'invoke',
  'screen.captureRequested': 'event',
  'screen.attachmentChanged': 'event',
  'assistants.updated': 'event'
} as const satisfies { [C in IpcChannel]: IpcContract[C]['kind'] }

// The reverse direction: no table entry may name a channel the contract does not have.
type Extra = Exclude<keyof typeof channelKinds, IpcChannel>
const noExtraChannels: [Extra] extends [never] ? true : Extra = true
void noExtraChannels

type OfKind<K extends ChannelKind> = K extends 'invoke'
  ? InvokeChannel
  : K extends 'send'
    ? SendChannel
    : EventChannel

/** The channels of one kind, in the contract's order. */
export const channelsOfKind = <K extends ChannelKind>(kind: K): OfKind<K>[] =>
  (Object.keys(channelKinds) as IpcChannel[]).filter(
    (channel): channel is OfKind<K> => channelKinds[channel] === kind
  )

/** Split a channel name into the namespace and method of `window.hark`. */
export function apiPath(channel: InvokeChannel | SendChannel): [string, string] {
  const dot = channel.indexOf('.')
  return [channel.slice(0, dot), channel.slice(dot + 1)]
}

/**
 * The largest renderer message any channel accepts (ipc.ts's MAX_IPC_MESSAGE_BYTES, which a unit
 * test keeps equal): the preload refuses anything bigger before it is cloned across the seam;
 * main checks each channel's own cap and schema.
 */
export const MAX_RENDERER_MESSAGE_BYTES = 4_521_024
