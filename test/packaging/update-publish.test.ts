// Self-update (issue 14): the package names the GitHub releases as its update source, and the
// release workflow uploads the feeds electron-updater reads (latest*.yml) and the block maps its
// differential download uses, next to the installers.
import { describe, expect, it } from 'vitest'
import { list, obj, readYaml } from './repo'

describe('update publishing', () => {
  it('publishes to GitHub releases in electron-builder.yml', () => {
    const config = obj(readYaml('electron-builder.yml'), 'electron-builder.yml')
    const publish = list(config.publish, 'publish').map((entry) => obj(entry, 'publish[]'))
    expect(publish).toEqual([{ provider: 'github', releaseType: 'release' }])
    // The macOS updater installs from the zip, not the dmg.
    expect(JSON.stringify(obj(config.mac, 'mac').target)).toContain('"zip"')
  })

  it('uploads the latest*.yml feeds and the block maps with the installers', () => {
    const workflow = obj(readYaml('.github/workflows/release.yml'), 'release.yml')
    const text = JSON.stringify(workflow)
    expect(text).toContain('release/*/latest*.yml')
    expect(text).toContain('release/*/*.blockmap')
  })
})
