// What the built-in tools need from the desktop. The Electron entry passes adapters
// (src/main/adapters/tool-services.ts); hosts without a desktop say the tool is unavailable.

export interface DesktopToolServices {
  readClipboardText(): Promise<string>
  writeClipboardText(text: string): Promise<void>
  /** Opens an https URL in the user's default browser. */
  openExternal(url: string): Promise<void>
}

export class ToolUnavailableError extends Error {
  constructor(what: string, host: string) {
    super(`${what} is not available in ${host}.`)
    this.name = 'ToolUnavailableError'
  }
}

/** For hosts with no desktop to act on (the browser host, the CLI without a clipboard). */
export function unavailableToolServices(host: string): DesktopToolServices {
  return {
    readClipboardText: () => Promise.reject(new ToolUnavailableError('The clipboard', host)),
    writeClipboardText: () => Promise.reject(new ToolUnavailableError('The clipboard', host)),
    openExternal: () => Promise.reject(new ToolUnavailableError('Opening links', host))
  }
}
