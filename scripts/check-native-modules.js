#!/usr/bin/env node
/*
 * Loads every native module the host uses in the Node that runs this script and prints one line
 * each: a module built for another Node ABI or another architecture fails here, at set-up, rather
 * than at the first gate. Exit 0 when all load, 1 otherwise.
 *
 * Usage: node scripts/check-native-modules.js [--json]
 */
'use strict';
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const MODULES = ['canvas', 'naudiodon', 'i2c-bus', 'onoff', 'spi-device', 'onnxruntime-node'];

function probe(name) {
  const started = process.hrtime.bigint();
  try {
    const mod = require(require.resolve(name, { paths: [root] }));
    if (name === 'onnxruntime-node' && typeof mod.InferenceSession?.create !== 'function') {
      throw new Error('loaded, but exports no InferenceSession');
    }
    return { module: name, ok: true, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  } catch (err) {
    return { module: name, ok: false, error: String((err && err.message) || err).split('\n')[0] };
  }
}

const results = MODULES.map(probe);
const report = { node: process.version, abi: process.versions.modules, arch: process.arch, modules: results };
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report));
} else {
  for (const r of results) {
    console.log(`check-native-modules: ${r.module}: ${r.ok ? `loads (${r.ms.toFixed(0)} ms)` : `FAILS: ${r.error}`}`);
  }
  console.log(`check-native-modules: Node ${report.node}, ABI ${report.abi}, ${report.arch}`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
