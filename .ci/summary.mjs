// Reads vitest's JSON report and prints the closing line CI is judged by.
// Fails when tests failed, when no test ran, or when a suite was skipped in CI.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const skipped = [];
for (const file of report.testResults ?? []) {
  for (const test of file.assertionResults ?? []) {
    if (test.status === 'skipped' || test.status === 'pending' || test.status === 'todo') skipped.push(test.fullName);
  }
}
if (skipped.length > 0) {
  console.error(`${skipped.length} tests were skipped; CI runs every suite:`);
  for (const name of skipped.slice(0, 50)) console.error(`  - ${name}`);
}
const passed = report.numPassedTests ?? 0;
// A file that fails to load has no failed tests of its own; count it as one failure.
const brokenFiles = (report.testResults ?? []).filter(
  (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 || skipped.length > 0 || report.success === false ? 1 : 0);
