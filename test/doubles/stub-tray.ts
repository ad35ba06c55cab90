// The `Tray` of the electron stub: records the images, tooltip and menu the entry sets, and lets a
// test pick a menu item as the user would.
import { EventEmitter } from 'node:events'

export interface StubMenuItem {
  label?: string
  type?: string
  checked?: boolean
  enabled?: boolean
  click?: () => void
  submenu?: StubMenuItem[]
}

export class StubTray extends EventEmitter {
  static readonly all: StubTray[] = []
  /** Every image the tray showed, as the path it was loaded from. */
  readonly images: string[] = []
  tooltip = ''
  menu: StubMenuItem[] = []
  destroyed = false

  constructor(image: { path: string }) {
    super()
    this.images.push(image.path)
    StubTray.all.push(this)
  }
  setImage(image: { path: string }): void {
    this.images.push(image.path)
  }
  setToolTip(text: string): void {
    this.tooltip = text
  }
  setContextMenu(menu: { items: StubMenuItem[] }): void {
    this.menu = menu.items
  }
  destroy(): void {
    this.destroyed = true
  }
  /** The user picks a menu item by its label. */
  pick(label: string): void {
    const item = this.menu.find((entry) => entry.label === label)
    if (!item) throw new Error(`no tray menu item "${label}"`)
    item.click?.()
  }
}
