// Percentiles and the result table: what `npm run bench` prints and writes to bench/results.json.
import { cpus, platform, release } from 'node:os'

export interface Metric {
  name: string
  samples: number[]
  unit: string
  /** Upper bound for p95; null for a line that gives context to a budget line (no verdict). */
  budget: number | null
  /** How this setup measures it, printed under the table. */
  how: string
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[rank] ?? Number.NaN
}

const round = (value: number): number => Math.round(value * 100) / 100

export interface MetricResult {
  p50: number
  p95: number
  unit: string
  budget: number | null
  met: boolean | null
  n: number
}

export function summarize(metrics: Metric[]): Record<string, MetricResult> {
  const out: Record<string, MetricResult> = {}
  for (const metric of metrics) {
    const p95 = round(percentile(metric.samples, 95))
    out[metric.name] = {
      p50: round(percentile(metric.samples, 50)),
      p95,
      unit: metric.unit,
      budget: metric.budget,
      met: metric.budget === null ? null : Number.isFinite(p95) && p95 <= metric.budget,
      n: metric.samples.length
    }
  }
  return out
}

export function machine(): { cpu: string; cores: number; os: string; node: string } {
  const list = cpus()
  return {
    cpu: list[0]?.model ?? 'unknown',
    cores: list.length,
    os: `${platform()} ${release()}`,
    node: process.version
  }
}

export function formatTable(results: Record<string, MetricResult>): string {
  const header = ['metric', 'p50', 'p95', 'unit', 'budget', 'met', 'n']
  const rows = Object.entries(results).map(([name, r]) => [
    name,
    String(r.p50),
    String(r.p95),
    r.unit,
    r.budget === null ? '—' : `≤ ${r.budget}`,
    r.met === null ? '—' : r.met ? 'yes' : 'NO',
    String(r.n)
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)))
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}
