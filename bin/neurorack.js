#!/usr/bin/env node
'use strict';
// The CLI is compiled to dist/; `npm run build` (run by `npm start` and `npm test`) produces it.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'core', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('neurorack: not built yet; run `npm run build` in ' + path.join(__dirname, '..') + '\n');
  process.exit(1);
}
require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
