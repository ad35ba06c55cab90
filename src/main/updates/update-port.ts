// What the update logic needs from an updater (issue 14). The Electron entry wraps
// electron-updater (electron-updater-port.ts, fed the GitHub releases the release workflow
// publishes); tests wrap the same library pointed at a local feed. No Electron here.

/** A version the feed offers that the updater found newer than this one. */
export interface UpdateOffer {
  version: string
}

export interface UpdaterPort {
  /** The running version. */
  readonly currentVersion: string
  /**
   * Ask the feed. Resolves with the offer when it is newer, null when it is not (the same or an
   * older version); rejects when the feed is unreachable or malformed.
   */
  check(): Promise<UpdateOffer | null>
  /** Download the offered update in the background (verified against the feed's sha512). */
  download(): Promise<void>
  /** Quit and install now (the user chose "Restart to update"). */
  installNow(): void
  /** Whether the downloaded update installs when Hark quits. */
  setInstallOnQuit(on: boolean): void
}
