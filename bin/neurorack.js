#!/usr/bin/env node
'use strict';
// The CLI is compiled to dist/ and bundled into one file (dist/bundles/neurorack-cli.js, see
// scripts/bundle-threads.js); `npm run build` (run by `npm start` and `npm test`) produces it.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'bundles', 'neurorack-cli.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('neurorack: not built yet; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
// The native modules are built for the Node LTS that set-up installed (node_modules/.bin/node):
// another Node would fail on the first of them with an ABI error, so say so before anything loads.
const runtimeProblem = require('./node-runtime.js').nodeRuntimeProblem(path.join(__dirname, '..'));
if (runtimeProblem) {
  process.stderr.write('neurorack: NR_NODE_RUNTIME: ' + runtimeProblem + '\n');
  process.exit(1);
}
// A failed command exits at once, whatever it left running (a host that failed half-way up keeps
// device timers, workers and sockets alive): a supervisor must see the failure to restart it.
// stderr is written synchronously on Linux (files, pipes, terminals), so the error line is out.
require(entry).main(process.argv.slice(2)).then(
  (code) => (code === 0 ? (process.exitCode = 0) : process.exit(code)),
  (err) => {
    process.stderr.write('neurorack: NR_INTERNAL: ' + ((err && err.stack) || err) + '\n');
    process.exit(1);
  },
);
