'use strict';
// Copies the non-TypeScript files that compiled plugins need (manifests, menu JSON, static web files)
// from plugins/ into dist/plugins/, so built-ins load from dist through the same loader as anyone's.
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const SKIP = new Set(['.ts']);
function copyTree(from, to) {
  if (!fs.existsSync(from)) return;
  for (const ent of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, ent.name);
    const dst = path.join(to, ent.name);
    if (ent.isDirectory()) copyTree(src, dst);
    else if (!SKIP.has(path.extname(ent.name)) || ent.name.endsWith('.d.ts')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
    }
  }
}
copyTree(path.join(root, 'plugins'), path.join(root, 'dist', 'plugins'));
