'use strict';
// Compiles schemas/ into dist/core/schemas/compiled-validators.js (ajv standalone code), so the
// host validates without compiling at boot. Run by `npm run build` after tsc.
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const { standaloneValidatorsSource } = require(path.join(root, 'dist', 'core', 'schemas', 'standalone-validators.js'));
const out = path.join(root, 'dist', 'core', 'schemas', 'compiled-validators.js');
const tmp = `${out}.tmp`;
fs.writeFileSync(tmp, standaloneValidatorsSource(path.join(root, 'schemas')));
fs.renameSync(tmp, out);
