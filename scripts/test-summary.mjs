// Prints one plain closing line ("unit: N passed, N failed, N skipped") from vitest's JSON report,
// so CI logs say how many tests ran; a skipped test is never counted as passed.
import { readFileSync } from 'node:fs'

const [reportPath = 'test-results/vitest.json', label = 'unit'] = process.argv.slice(2)
const report = JSON.parse(readFileSync(reportPath, 'utf8'))
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
console.log(
  `${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`
)
process.exit(report.numFailedTests > 0 || report.numPassedTests === 0 ? 1 : 0)
