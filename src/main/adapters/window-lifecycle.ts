// The window's life beside the tray: its place and size are saved as the user moves it, and
// closing it hides (or minimises) it instead of quitting, as desktop/close-policy.ts decides.
import type { BrowserWindow } from 'electron'
import type { CloseAction } from '../desktop/close-policy'
import type { WindowStateStore } from '../desktop/window-state-store'

export function manageWindowLifecycle(
  window: BrowserWindow,
  options: { store: WindowStateStore; closeAction: () => CloseAction }
): void {
  const remember = (): void => {
    if (window.isDestroyed()) return
    // Normal bounds: a maximised window reopens maximised over the place it had before.
    options.store.schedule({ bounds: window.getNormalBounds(), maximized: window.isMaximized() })
  }
  window.on('move', remember)
  window.on('resize', remember)
  window.on('maximize', remember)
  window.on('unmaximize', remember)

  window.on('close', (event) => {
    remember()
    void options.store.flush()
    const action = options.closeAction()
    if (action === 'close') return
    event.preventDefault()
    if (action === 'hide') window.hide()
    else window.minimize()
  })
}
