import { fill, type PluginTemplate, type ScaffoldNames } from './plugin-template';

const ENTRY = `// @ts-check
'use strict';
const { DESCRIPTOR_ORDER } = require('neurorack/sdk');

/** @typedef {import('neurorack/sdk').CvMapping} CvMapping */

const RMS = DESCRIPTOR_ORDER.indexOf('rms');

/**
 * __TITLE__: the CV scales the loudness (RMS) of the curve. 0 V leaves it as it is; the top of the
 * jack multiplies it by 1 + depth, the bottom by 1 - depth. A pure function of its inputs, as the
 * CvMapping contract asks: the host calls it whenever the CV moves.
 *
 * @type {CvMapping}
 */
const mapping = {
  stage: 1,
  apply(frames, ctx) {
    const depth = ctx.params['depth'] ?? 0.5;
    const gain = Math.max(0, 1 + ctx.bipolar * depth);
    return { frames: frames.map((frame) => frame.map((v, k) => (k === RMS ? v * gain : v))) };
  },
};

/** One key per offer in plugin.json. */
module.exports = { provides: { '__NAME__': mapping } };
`;

const TEST = `'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const manifest = require('../plugin.json');
const { provides } = require('../index.js');

/** A mapping context as the host builds it, for a CV at \`bipolar\` (-1..1). */
function context(bipolar, depth) {
  return { volts: bipolar * 5, amount: Math.max(0, bipolar), bipolar, range: { min: -5, max: 5 }, entryA: [], entryB: [],
    history: new Float64Array(0), historyHz: 100, seed: 1, params: { depth } };
}

test('exports one mapping per offer in plugin.json', () => {
  assert.deepEqual(Object.keys(provides).sort(), manifest.provides.map((p) => p.id).sort());
});

test('scales RMS by 1 + bipolar x depth and leaves the other descriptors and its input alone', () => {
  const frames = [[0.2, 0.1, 4000, 0.1, 2000, 2000, 110], [0.4, 0.1, 4000, 0.1, 2000, 2000, 110]];
  const before = JSON.stringify(frames);
  const out = provides['__NAME__'].apply(frames, context(1, 0.5)).frames;
  assert.deepEqual(out.map((f) => f[0]), [0.2 * 1.5, 0.4 * 1.5]);
  assert.deepEqual(out.map((f) => f.slice(1)), frames.map((f) => f.slice(1)));
  assert.equal(JSON.stringify(frames), before);
  assert.deepEqual(provides['__NAME__'].apply(frames, context(-1, 1)).frames.map((f) => f[0]), [0, 0]);
});
`;

/** `plugin new --kind cv-mapping`: a mapping that scales the curve's RMS by its CV. */
export function cvMappingTemplate(names: ScaffoldNames): PluginTemplate {
  return {
    kind: 'cv-mapping',
    description: `${names.title}: a CV mapping that scales the loudness of the descriptor curve.`,
    provides: [{
      id: names.name,
      name: names.title,
      drives: [{ target: 'rms', min: 0, max: 2, unit: 'x' }],
      params: [{ id: 'depth', name: 'Depth', min: 0, max: 1, default: 0.5, unit: '' }],
    }],
    entry: fill(ENTRY, names),
    test: fill(TEST, names),
    extraFiles: {},
    readme: fill(`## What it does
\`__NAME__\` is a CV mapping: the host calls \`apply(frames, ctx)\` with the descriptor curve and the
jack's CV whenever it moves. This one scales RMS by \`1 + bipolar x depth\`. Change \`apply\` (and
\`drives\` and \`params\` in plugin.json, which the host checks against the code) to do your own.

## Try it on the host
Install the package where the host looks for plugins (see the README's first section), assign the
mapping to a jack in your rack file (\`"assignments": { "cv1": "__NAME__/__NAME__" }\`, see
docs/manifest-reference.md of the host) and run \`neurorack start --rack your.rack.json\`.
`, names),
  };
}
