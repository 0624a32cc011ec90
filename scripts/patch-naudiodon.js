#!/usr/bin/env node
/*
 * Makes naudiodon link the system PortAudio (portaudio19-dev) on every architecture, then rebuilds it.
 *
 * naudiodon 2.3.6 links the PortAudio binaries it bundles for x86-64 and 32-bit ARM only, so its
 * build fails on arm64 (Jetson Nano, 64-bit Raspberry Pi OS). This rewrites the Linux condition of
 * node_modules/naudiodon/binding.gyp to take include dirs and libraries from
 * `pkg-config portaudio-2.0`, keeps the macOS and Windows conditions as they were, and runs
 * `npm rebuild naudiodon` (node-gyp, with the node headers npm is configured for).
 *
 * Usage: node scripts/patch-naudiodon.js [--no-rebuild] [--check]
 *   --no-rebuild  only rewrite binding.gyp (e.g. before a plain `npm rebuild`)
 *   --check       exit 0 when the built addon links the system libportaudio, 1 otherwise
 * Idempotent: an already patched binding.gyp is left alone; the rebuild still runs.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const moduleDir = path.join(root, 'node_modules', 'naudiodon');
const gypPath = path.join(moduleDir, 'binding.gyp');
const addonPath = path.join(moduleDir, 'build', 'Release', 'naudiodon.node');
const MARKER = 'neurorack_system_portaudio';

function fail(message) {
  console.error(`patch-naudiodon: ${message}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options }).trim();
}

/** binding.gyp is a Python literal (comments, single quotes, trailing commas): let Python read it. */
function readGyp(file) {
  const py = 'import ast, json, sys; print(json.dumps(ast.literal_eval(open(sys.argv[1]).read())))';
  for (const python of ['python3', 'python']) {
    try {
      return JSON.parse(run(python, ['-c', py, file]));
    } catch (err) {
      if (err.code !== 'ENOENT') fail(`cannot parse ${file}: ${err.stderr || err.message}`);
    }
  }
  return fail('python3 is needed (node-gyp needs it too)');
}

function checkSystemPortAudio() {
  try {
    return run('pkg-config', ['--modversion', 'portaudio-2.0']);
  } catch {
    return fail('pkg-config cannot find portaudio-2.0; install the system PortAudio: sudo apt-get install -y portaudio19-dev pkg-config');
  }
}

function patch(gyp) {
  const target = gyp.targets.find((t) => t.target_name === 'naudiodon');
  if (!target) fail(`${gypPath} has no naudiodon target`);
  if (target.variables && target.variables[MARKER]) return false;
  const bundledIncludes = (target.include_dirs || []).filter((d) => d.startsWith('portaudio'));
  target.include_dirs = (target.include_dirs || []).filter((d) => !d.startsWith('portaudio'));
  const conditions = (target.conditions || []).filter((c) => c[0] !== 'OS=="linux"');
  for (const c of conditions) c[1].include_dirs = [...(c[1].include_dirs || []), ...bundledIncludes];
  conditions.push([
    'OS=="linux"',
    {
      'cflags_cc!': ['-fno-rtti', '-fno-exceptions'],
      cflags_cc: ['-std=c++11', '-fexceptions', '<!@(pkg-config --cflags portaudio-2.0)'],
      libraries: ['<!@(pkg-config --libs portaudio-2.0)'],
    },
  ]);
  target.conditions = conditions;
  target.variables = { ...(target.variables || {}), [MARKER]: 1 };
  const header = '# Patched by neurorack scripts/patch-naudiodon.js: Linux links the system PortAudio (pkg-config portaudio-2.0).\n';
  fs.writeFileSync(gypPath, header + JSON.stringify(gyp, null, 2) + '\n');
  return true;
}

function linksSystemPortAudio() {
  if (!fs.existsSync(addonPath)) return false;
  let ldd;
  try {
    ldd = run('ldd', [addonPath]);
  } catch {
    return false;
  }
  const line = ldd.split('\n').find((l) => l.includes('libportaudio'));
  return Boolean(line && !line.includes(moduleDir) && !line.includes('not found'));
}

function main() {
  const args = new Set(process.argv.slice(2));
  if (!fs.existsSync(gypPath)) fail(`${gypPath} not found: install dependencies first (npm ci --ignore-scripts)`);
  if (args.has('--check')) {
    const ok = linksSystemPortAudio();
    console.log(`patch-naudiodon: ${addonPath} ${ok ? 'links the system libportaudio' : 'does not link the system libportaudio'}`);
    process.exit(ok ? 0 : 1);
  }
  if (process.platform !== 'linux') {
    console.log(`patch-naudiodon: ${process.platform}: naudiodon's bundled PortAudio is used, nothing to do`);
    return;
  }
  const version = checkSystemPortAudio();
  const changed = patch(readGyp(gypPath));
  console.log(`patch-naudiodon: binding.gyp ${changed ? 'patched' : 'already patched'} (system PortAudio ${version})`);
  if (args.has('--no-rebuild')) return;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  console.log('patch-naudiodon: npm rebuild naudiodon');
  execFileSync(npm, ['rebuild', 'naudiodon', '--foreground-scripts'], { cwd: root, stdio: 'inherit' });
  if (!linksSystemPortAudio()) fail(`${addonPath} was rebuilt but does not link the system libportaudio (see ldd)`);
  console.log(`patch-naudiodon: ${addonPath} links ${run('ldd', [addonPath]).split('\n').find((l) => l.includes('libportaudio')).trim()}`);
}

main();
