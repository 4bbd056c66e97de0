// Sums the test reports of one CI run and prints the closing line "N passed, N failed".
// Exit status: non-zero when any test failed, a report is missing, or a step failed.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [outDir, ...failedSteps] = process.argv.slice(2);
const steps = failedSteps.filter(Boolean);
let passed = 0;
let failed = 0;
const lines = [];

for (const name of ["vitest-pglite", "vitest-postgres"]) {
  const file = path.join(outDir, `${name}.json`);
  if (!existsSync(file)) {
    lines.push(`${name}: no report`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  lines.push(
    `${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
  );
}
const e2e = path.join(outDir, "e2e.json");
if (existsSync(e2e)) {
  const { stats } = JSON.parse(readFileSync(e2e, "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  lines.push(
    `e2e: ${stats.expected + stats.flaky} passed (${stats.flaky} flaky), ${stats.unexpected} failed, ${stats.skipped} skipped`,
  );
} else {
  lines.push("e2e: no report");
}

for (const line of lines) console.log(line);
if (steps.length) console.log(`failed steps: ${steps.join(", ")}`);
const missing = lines.some((l) => l.endsWith("no report"));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || steps.length > 0 || missing ? 1 : 0);
