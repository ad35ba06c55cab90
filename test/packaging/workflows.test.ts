// The GitHub Actions workflows cannot run here, so check what GitHub would reject or what would
// make them useless: YAML that parses, the keys Actions requires, every step either `uses` or
// `run`, the OS matrix, the artifact upload and the tag-only publish.
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { list, obj, readYaml, repoPath, type Json } from './repo'

const dir = '.github/workflows'
const files = readdirSync(repoPath(dir)).filter((name) => /\.ya?ml$/.test(name))
const load = (name: string): Json => obj(readYaml(dir, name), name)
const jobsOf = (workflow: Json): [string, Json][] =>
  Object.entries(obj(workflow.jobs, 'jobs')).map(([id, job]) => [id, obj(job, `jobs.${id}`)])
const stepsOf = (job: Json, where: string): Json[] =>
  list(job.steps, `${where}.steps`).map((step, i) => obj(step, `${where}.steps[${i}]`))
const uses = (steps: Json[]): string[] =>
  steps.flatMap((step) => (typeof step.uses === 'string' ? [step.uses] : []))
const runs = (steps: Json[]): string =>
  steps.map((step) => (typeof step.run === 'string' ? step.run : '')).join('\n')

describe.each(files)('workflow %s', (name) => {
  const workflow = load(name)

  it('has a name, triggers and jobs', () => {
    expect(typeof workflow.name).toBe('string')
    expect(workflow.on).toBeTruthy()
    expect(jobsOf(workflow).length).toBeGreaterThan(0)
  })

  it('gives every job a runner and every step exactly one of uses/run', () => {
    for (const [id, job] of jobsOf(workflow)) {
      expect(typeof job['runs-on'], `${id}.runs-on`).toBe('string')
      for (const [i, step] of stepsOf(job, id).entries()) {
        const kinds = ['uses', 'run'].filter((key) => typeof step[key] === 'string')
        expect(kinds, `${id}.steps[${i}]`).toHaveLength(1)
        if (typeof step.uses === 'string')
          expect(step.uses, `${id}.steps[${i}]`).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/)
      }
    }
  })

  it('checks out and sets up Node 22 with npm ci in every job that installs', () => {
    for (const [id, job] of jobsOf(workflow)) {
      const steps = stepsOf(job, id)
      if (!/npm ci/.test(runs(steps))) continue
      expect(uses(steps), id).toEqual(
        expect.arrayContaining(['actions/checkout@v4', 'actions/setup-node@v4'])
      )
      const setup = steps.find((step) => step.uses === 'actions/setup-node@v4')
      expect(obj(setup?.with, `${id} setup-node.with`)['node-version']).toBe(22)
    }
  })
})

describe('ci.yml', () => {
  const workflow = load('ci.yml')
  const on = obj(workflow.on, 'on')

  it('runs the test command on every push', () => {
    expect(Object.keys(on)).toContain('push')
    expect(on.push ?? null).toBeNull()
    const [[id, job]] = jobsOf(workflow) as [[string, Json]]
    const commands = runs(stepsOf(job, id))
    expect(commands).toMatch(/xvfb-run -a npm test/)
    expect(commands).toMatch(/apt-get install -y sox espeak-ng/)
  })
})

describe('release.yml', () => {
  const workflow = load('release.yml')
  const jobs = new Map(jobsOf(workflow))
  const pack = jobs.get('package')
  const publish = jobs.get('publish')

  it('builds on macOS, Windows and Linux runners', () => {
    const matrix = obj(obj(pack?.strategy, 'strategy').matrix, 'matrix')
    const include = list(matrix.include, 'matrix.include').map((row) => obj(row, 'include[]'))
    const oses = include.map((row) => String(row.os))
    expect(oses.some((os) => os.startsWith('macos'))).toBe(true)
    expect(oses.some((os) => os.startsWith('windows'))).toBe(true)
    expect(oses.some((os) => os.startsWith('ubuntu'))).toBe(true)
    expect(include.map((row) => row.platform).sort()).toEqual(['--linux', '--mac', '--win'])
  })

  it('tests (with the _electron end-to-end tests) before packaging, then uploads', () => {
    const steps = stepsOf(pack ?? {}, 'package')
    const commands = runs(steps)
    for (const command of ['npm run -s test:unit', '--project=electron', 'test:e2e'])
      expect(commands).toContain(command)
    const packageAt = steps.findIndex((step) => String(step.run).includes('electron-builder'))
    const testAt = steps.findIndex((step) => String(step.run).includes('test:unit'))
    expect(testAt).toBeGreaterThanOrEqual(0)
    expect(packageAt).toBeGreaterThan(testAt)
    expect(String(steps[packageAt]?.run)).toContain('--publish never')
    const upload = steps.find((step) => step.uses === 'actions/upload-artifact@v4')
    const paths = String(obj(upload?.with, 'upload.with').path)
    for (const ext of ['dmg', 'zip', 'exe', 'AppImage', 'deb']) expect(paths).toContain(`*.${ext}`)
  })

  it('publishes to GitHub Releases only for a tag', () => {
    expect(obj(obj(workflow.on, 'on').push, 'on.push').tags).toEqual(['v*'])
    expect(publish?.needs).toBe('package')
    expect(publish?.if).toBe("startsWith(github.ref, 'refs/tags/v')")
    expect(obj(publish?.permissions, 'permissions').contents).toBe('write')
    const steps = stepsOf(publish ?? {}, 'publish')
    expect(uses(steps)).toEqual(['actions/download-artifact@v4', 'softprops/action-gh-release@v2'])
  })

  it('passes signing secrets only to their own OS and never to publish', () => {
    const text = JSON.stringify(pack)
    expect(text).toMatch(/CSC_LINK.*runner\.os == 'macOS' && secrets\.MAC_CSC_LINK/)
    expect(text).toMatch(/WIN_CSC_LINK.*runner\.os == 'Windows' && secrets\.WIN_CSC_LINK/)
    expect(JSON.stringify(publish)).not.toMatch(/secrets\./)
  })
})
