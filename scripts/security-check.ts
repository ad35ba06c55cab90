// `npm run security:check`: runs Doyensec's electronegativity over src/ and fails on any HIGH
// finding or any other finding not accepted (with its reason) in docs/security.md.
// `-e` pins our Electron version, so the tool neither guesses it nor needs release data online.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  acceptedFindings,
  isWellFormedReport,
  judge,
  parseFindings,
  type Finding
} from './security-report'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const scannedDir = 'src'
const report = join(root, 'test-results', 'electronegativity.csv')

const electronVersion = (require('electron/package.json') as { version: string }).version
const cli = join(
  dirname(require.resolve('@doyensec/electronegativity/package.json')),
  'dist',
  'index.js'
)

mkdirSync(dirname(report), { recursive: true })

/**
 * One scan. electronegativity 1.10 sometimes writes its CSV with the start of the first finding
 * overwritten (seen here: a row beginning mid-way through a CSP sample, about one run in three),
 * so a report whose rows do not each start with a check id is a tool fault: scan again.
 */
function scan(): string {
  rmSync(report, { force: true })
  const run = spawnSync(
    process.execPath,
    [cli, '-i', scannedDir, '-e', electronVersion, '-r', '-o', report],
    { cwd: root, encoding: 'utf8' }
  )
  try {
    return readFileSync(report, 'utf8')
  } catch {
    console.error(run.stdout, run.stderr)
    console.error(`security: electronegativity wrote no report (exit ${String(run.status)})`)
    process.exit(1)
  }
}

const maxScans = 3
let csv = scan()
for (let attempt = 2; !isWellFormedReport(csv); attempt++) {
  if (attempt > maxScans) {
    console.error(`security: electronegativity wrote a malformed report ${maxScans} times:\n${csv}`)
    process.exit(1)
  }
  csv = scan()
}

const verdict = judge(
  parseFindings(csv, scannedDir),
  acceptedFindings(readFileSync(join(root, 'docs', 'security.md'), 'utf8'))
)
const show = (finding: Finding): string =>
  `  ${finding.severity} ${finding.check} ${finding.file}:${finding.location} ${finding.description}`
if (verdict.high.length > 0) console.error(['HIGH findings:', ...verdict.high.map(show)].join('\n'))
if (verdict.unlisted.length > 0)
  console.error(
    [
      'Findings neither fixed nor accepted in docs/security.md:',
      ...verdict.unlisted.map(show)
    ].join('\n')
  )
console.log(
  `security: electronegativity (Electron ${electronVersion}): ${verdict.high.length} high, ` +
    `${verdict.unlisted.length} unlisted, ${verdict.accepted.length} accepted in docs/security.md`
)
process.exit(verdict.ok ? 0 : 1)
