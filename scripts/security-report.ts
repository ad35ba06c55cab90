// Reads electronegativity's CSV report and decides whether the scan passes: no HIGH finding,
// and every other finding accepted in docs/security.md (a table row naming its check and file).
// Kept free of I/O so test/packaging/ can exercise it on fixed reports.

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH'

export interface Finding {
  check: string
  severity: Severity
  confidence: string
  /** Relative to the repository root, with forward slashes. */
  file: string
  location: string
  description: string
}

export interface Verdict {
  high: Finding[]
  unlisted: Finding[]
  accepted: Finding[]
  ok: boolean
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''))
}

const severities = new Set<string>(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'])

/** Every data row starts with a check id such as `CSP_GLOBAL_CHECK` and has all eight columns. */
export function isWellFormedReport(csv: string): boolean {
  const [header, ...rows] = parseCsv(csv)
  if (!header || header[0]?.trim() !== 'issue') return false
  return rows.every(
    (row) => /^[A-Z][A-Z0-9_]*$/.test(row[0]?.trim() ?? '') && row.length >= header.length
  )
}

/**
 * Findings from the report. `scannedDir` is the `-i` directory as given to electronegativity
 * (`src`), so `-r` relative paths become repository paths. An unknown severity is treated as
 * HIGH: a format change must fail the check rather than pass it silently.
 */
export function parseFindings(csv: string, scannedDir: string): Finding[] {
  const [header, ...rows] = parseCsv(csv)
  if (!header) return []
  const column = (name: string): number => {
    const index = header.findIndex((cell) => cell.trim().toLowerCase() === name)
    if (index < 0) throw new Error(`electronegativity report has no "${name}" column`)
    return index
  }
  const at = {
    check: column('issue'),
    severity: column('severity'),
    confidence: column('confidence'),
    file: column('filename'),
    location: column('location'),
    description: column('description')
  }
  const prefix = scannedDir.replace(/\\/g, '/').replace(/\/+$/, '')
  return rows.map((cells) => {
    const get = (index: number): string => (cells[index] ?? '').trim()
    const rawSeverity = get(at.severity).toUpperCase()
    const rawFile = get(at.file).replace(/\\/g, '/')
    const isRelative = !rawFile.startsWith('/') && !/^[a-z]:\//i.test(rawFile)
    return {
      check: get(at.check),
      severity: (severities.has(rawSeverity) ? rawSeverity : 'HIGH') as Severity,
      confidence: get(at.confidence),
      file: isRelative && prefix ? `${prefix}/${rawFile}` : rawFile,
      location: get(at.location),
      description: get(at.description)
    }
  })
}

/** Table rows of docs/security.md that accept a finding: `| CHECK_ID | path/to/file | … |`. */
export function acceptedFindings(markdown: string): Set<string> {
  const accepted = new Set<string>()
  for (const line of markdown.split(/\r?\n/)) {
    const cells = line.split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''))
    if (cells.length < 4) continue
    const [, check, file] = cells
    if (check && file && /^[A-Z0-9_]+_CHECK$/.test(check)) accepted.add(`${check} ${file}`)
  }
  return accepted
}

export function judge(findings: Finding[], accepted: Set<string>): Verdict {
  const high = findings.filter((finding) => finding.severity === 'HIGH')
  const others = findings.filter((finding) => finding.severity !== 'HIGH')
  const isAccepted = (finding: Finding): boolean => accepted.has(`${finding.check} ${finding.file}`)
  const unlisted = others.filter((finding) => !isAccepted(finding))
  return {
    high,
    unlisted,
    accepted: others.filter(isAccepted),
    ok: high.length === 0 && unlisted.length === 0
  }
}
