// The electronegativity gate (scripts/security-report.ts) on fixed reports, and the accepted
// findings in docs/security.md that the live scan is judged against.
import { describe, expect, it } from 'vitest'
import {
  acceptedFindings,
  isWellFormedReport,
  judge,
  parseCsv,
  parseFindings
} from '../../scripts/security-report'
import { readText } from './repo'

const header = 'issue, severity, confidence, filename, location, sample, description, url\n'
const row = (check: string, severity: string, file: string, sample = 'x'): string =>
  `${check},"${severity}","FIRM","${file}","1:0","${sample}","desc",https://example.test/${check}\n`

describe('parseCsv', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('a,"b, ""c""\nd",e\r\nf,g,h\n')).toEqual([
      ['a', 'b, "c"\nd', 'e'],
      ['f', 'g', 'h']
    ])
  })
})

describe('parseFindings and judge', () => {
  const csv =
    header +
    row('PRELOAD_JS_CHECK', 'MEDIUM', 'main/window.ts', "join(dir, '../preload')") +
    row('NODE_INTEGRATION_JS_CHECK', 'HIGH', 'main/window.ts') +
    row('CSP_GLOBAL_CHECK', 'LOW', 'renderer/index.html')

  it('reads findings with repository paths', () => {
    expect(parseFindings(csv, 'src').map((f) => [f.check, f.severity, f.file])).toEqual([
      ['PRELOAD_JS_CHECK', 'MEDIUM', 'src/main/window.ts'],
      ['NODE_INTEGRATION_JS_CHECK', 'HIGH', 'src/main/window.ts'],
      ['CSP_GLOBAL_CHECK', 'LOW', 'src/renderer/index.html']
    ])
  })

  it('fails on a HIGH finding even when it is listed, and on unlisted others', () => {
    const accepted = new Set([
      'PRELOAD_JS_CHECK src/main/window.ts',
      'NODE_INTEGRATION_JS_CHECK src/main/window.ts'
    ])
    const verdict = judge(parseFindings(csv, 'src'), accepted)
    expect(verdict.ok).toBe(false)
    expect(verdict.high.map((f) => f.check)).toEqual(['NODE_INTEGRATION_JS_CHECK'])
    expect(verdict.unlisted.map((f) => f.check)).toEqual(['CSP_GLOBAL_CHECK'])
    expect(verdict.accepted.map((f) => f.check)).toEqual(['PRELOAD_JS_CHECK'])
  })

  it('passes when nothing is HIGH and everything is accepted', () => {
    const findings = parseFindings(header + row('PRELOAD_JS_CHECK', 'MEDIUM', 'a.ts'), 'src')
    expect(judge(findings, new Set(['PRELOAD_JS_CHECK src/a.ts'])).ok).toBe(true)
  })

  it('treats an unknown severity as HIGH rather than letting it pass', () => {
    const findings = parseFindings(header + row('NEW_CHECK', 'CRITICAL', 'a.ts'), 'src')
    expect(findings[0]?.severity).toBe('HIGH')
  })
})

describe('docs/security.md', () => {
  const accepted = acceptedFindings(readText('docs/security.md'))

  it('accepts findings by check and file, each with a reason', () => {
    expect(accepted).toContain('PRELOAD_JS_CHECK src/main/adapters/window.ts')
    expect(accepted).toContain('CSP_GLOBAL_CHECK src/renderer/index.html')
    for (const line of readText('docs/security.md').split('\n')) {
      if (!/^\| `[A-Z_]+_CHECK`/.test(line)) continue
      const reason = line.split('|')[4]?.trim() ?? ''
      expect(reason.length, line).toBeGreaterThan(40)
    }
  })

  it('never accepts a HIGH finding', () => {
    expect(readText('docs/security.md')).not.toMatch(/^\| `[A-Z_]+_CHECK`[^|]*\|[^|]*\| HIGH/m)
  })
})

describe('isWellFormedReport', () => {
  const header = 'issue, severity, confidence, filename, location, sample, description, url\n'
  const row =
    'PRELOAD_JS_CHECK,"MEDIUM","FIRM","main/adapters/window.ts","20:6","preload: x","Review",https://x\n'

  it('accepts a report whose rows each start with a check id', () => {
    expect(isWellFormedReport(header + row)).toBe(true)
    expect(isWellFormedReport(header)).toBe(true)
  })

  it('rejects the truncated first row electronegativity sometimes writes', () => {
    const truncated = `lf'; script-src 'self'","One or more CSP directives detected seems to be vulnerable",https://x\n`
    expect(isWellFormedReport(header + truncated + row)).toBe(false)
    expect(isWellFormedReport('')).toBe(false)
  })
})
