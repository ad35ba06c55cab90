// A second look at the updater's answer: only a strictly newer release version is taken, so a
// feed that offers the same or an older version (a rolled-back release) changes nothing, whatever
// the library decided. Versions are semver `major.minor.patch` with an optional `-prerelease`.

const VERSION = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/

function parts(version: string): { core: number[]; pre: string | null } | null {
  const match = VERSION.exec(version.trim())
  if (!match) return null
  return { core: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ?? null }
}

/** True only when `offered` is a valid version above `current` (a prerelease below its release). */
export function isNewerVersion(offered: string, current: string): boolean {
  const a = parts(offered)
  const b = parts(current)
  if (a === null || b === null) return false
  for (let i = 0; i < 3; i++) {
    const diff = (a.core[i] ?? 0) - (b.core[i] ?? 0)
    if (diff !== 0) return diff > 0
  }
  if (a.pre === b.pre) return false
  if (a.pre === null) return true
  if (b.pre === null) return false
  return a.pre.localeCompare(b.pre, 'en', { numeric: true }) > 0
}
