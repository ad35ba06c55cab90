// Which tray image to load for a look, and where the images are. macOS wants monochrome
// "Template" images (the menu bar tints them for light and dark); Windows and Linux get coloured
// ones. Electron picks the @2x file beside each image by itself on high-density screens.
import { join } from 'node:path'
import type { TrayLook } from './tray-state'

export function trayIconFileName(look: TrayLook, platform: string): string {
  return platform === 'darwin' ? `${look}Template.png` : `${look}.png`
}

/** resources/tray in development; in a package electron-builder copies it to resources/tray. */
export function trayIconDir(where: {
  isPackaged: boolean
  resourcesPath: string
  mainDir: string
}): string {
  return where.isPackaged
    ? join(where.resourcesPath, 'tray')
    : join(where.mainDir, '..', '..', 'resources', 'tray')
}
