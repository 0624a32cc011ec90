import { DESCRIPTOR_HOP_LENGTH, DESCRIPTOR_ORDER, DESCRIPTOR_SAMPLE_RATE } from '../descriptors/descriptor-matrix';
import { fill, type PluginTemplate, type ScaffoldNames } from './plugin-template';

const ENTRY = `// @ts-check
'use strict';
const { join } = require('node:path');
const { DESCRIPTOR_HOP_LENGTH, DESCRIPTOR_ORDER, DESCRIPTOR_SAMPLE_RATE, NeurorackError, SilentFrameHold, readBoundedSync } = require('neurorack/sdk');

/** @typedef {import('neurorack/sdk').ModelRuntime} ModelRuntime */
/** @typedef {import('neurorack/sdk').LoadedModel} LoadedModel */

const RUNTIME = '__NAME__';
const WIDTH = DESCRIPTOR_ORDER.length;
const RMS = DESCRIPTOR_ORDER.indexOf('rms');
const FLATNESS = DESCRIPTOR_ORDER.indexOf('flatness');
const F0 = DESCRIPTOR_ORDER.indexOf('f0');

/**
 * Reads and checks a model folder's manifest.json: this runtime's format. Replace the checks with
 * your own format's (weights files with their sha256, a golden vector), keeping the errors'
 * codes and their file and JSON pointer.
 *
 * @param {string} dir
 * @returns {{ id: string, neutral: number[] }}
 */
function readManifest(dir) {
  const file = join(dir, 'manifest.json');
  /** @type {any} */
  let m;
  try {
    m = JSON.parse(readBoundedSync(file, { maxBytes: 1 << 20, tooLargeCode: 'NR_JSON_MALFORMED', what: 'model manifest' }).toString('utf8'));
  } catch (err) {
    if (err instanceof NeurorackError) throw err;
    const e = /** @type {NodeJS.ErrnoException} */ (err);
    throw e.code === 'ENOENT'
      ? new NeurorackError('NR_FILE_NOT_FOUND', 'expected a model folder with a manifest.json', { file })
      : new NeurorackError('NR_JSON_MALFORMED', \`manifest.json is not JSON: \${e.message}\`, { file });
  }
  /** @type {(ok: boolean, pointer: string, what: string) => void} */
  const expect = (ok, pointer, what) => {
    if (!ok) throw new NeurorackError('NR_SCHEMA_INVALID', \`expected \${what}\`, { file, pointer });
  };
  expect(m && typeof m.id === 'string' && m.id.length > 0, '/id', 'an id');
  expect(m.runtime === RUNTIME, '/runtime', \`"runtime": "\${RUNTIME}"\`);
  expect(m.sample_rate === DESCRIPTOR_SAMPLE_RATE, '/sample_rate', \`\${DESCRIPTOR_SAMPLE_RATE} (the host's model rate)\`);
  expect(m.hop_length === DESCRIPTOR_HOP_LENGTH, '/hop_length', \`\${DESCRIPTOR_HOP_LENGTH} (the host's descriptor hop)\`);
  expect(Array.isArray(m.descriptors) && m.descriptors.join(',') === DESCRIPTOR_ORDER.join(','), '/descriptors', \`the descriptor order [\${DESCRIPTOR_ORDER.join(', ')}]\`);
  expect(Array.isArray(m.neutral) && m.neutral.length === WIDTH && m.neutral.every(Number.isFinite), '/neutral', \`\${WIDTH} finite training means\`);
  return { id: m.id, neutral: m.neutral };
}

/**
 * A seeded generator (mulberry32): the same seed gives the same noise, as the host requires.
 * @param {number} seed
 */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The model: a sine at f0 mixed with noise by the spectral flatness, at the loudness of the RMS.
 * Replace \`render\` with your network; keep its obligations (ModelRenderer in neurorack/sdk):
 * frames.length * hop finite samples, the same for the same frames and seed, rejecting bad frames.
 *
 * @param {{ id: string, neutral: number[] }} manifest
 * @returns {LoadedModel}
 */
function model(manifest) {
  return {
    id: manifest.id,
    sampleRate: DESCRIPTOR_SAMPLE_RATE,
    hop: DESCRIPTOR_HOP_LENGTH,
    descriptorNames: DESCRIPTOR_ORDER,
    neutralFrame: manifest.neutral,
    lookaheadFrames: 0,
    async render(frames, seed) {
      frames.forEach((frame, t) => {
        if (!Array.isArray(frame) || frame.length !== WIDTH || !frame.every(Number.isFinite)) {
          throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', \`expected frame \${t} to hold \${WIDTH} finite values (\${DESCRIPTOR_ORDER.join(', ')})\`, { pointer: \`/frames/\${t}\` });
        }
      });
      // Silent frames' spectral values are measurement noise: hold the last sounding frame's, as the host's runtimes do.
      const silence = new SilentFrameHold(WIDTH, manifest.neutral);
      const next = random(seed);
      const out = new Float32Array(frames.length * DESCRIPTOR_HOP_LENGTH);
      let phase = 0;
      frames.forEach((raw, t) => {
        const frame = Float32Array.from(raw);
        silence.apply(frame, 1);
        const amplitude = Math.SQRT2 * Math.max(0, frame[RMS]);
        const noise = Math.min(1, Math.max(0, frame[FLATNESS]));
        const step = Math.min(frame[F0], DESCRIPTOR_SAMPLE_RATE / 2) / DESCRIPTOR_SAMPLE_RATE;
        for (let i = 0; i < DESCRIPTOR_HOP_LENGTH; i++) {
          phase = (phase + step) % 1;
          const sine = Math.sin(2 * Math.PI * phase);
          out[t * DESCRIPTOR_HOP_LENGTH + i] = amplitude * ((1 - noise) * sine + noise * (2 * next() - 1));
        }
      });
      return out;
    },
    async dispose() {},
  };
}

/** @type {ModelRuntime} */
const runtime = {
  id: RUNTIME,
  async load(dir) {
    return model(readManifest(dir));
  },
};

/** One key per offer in plugin.json. */
module.exports = { provides: { [RUNTIME]: runtime } };
`;

const TEST = `'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { join } = require('node:path');
const manifest = require('../plugin.json');
const { provides } = require('../index.js');

const EXAMPLE = join(__dirname, '..', 'example-model');

test('exports one runtime per offer in plugin.json', () => {
  assert.deepEqual(Object.keys(provides).sort(), manifest.provides.map((p) => p.id).sort());
});

test('loads the example model and renders frames x hop finite samples, the same for the same seed', async () => {
  const model = await provides['__NAME__'].load(EXAMPLE);
  try {
    const frames = Array.from({ length: 8 }, () => [...model.neutralFrame]);
    const a = await model.render(frames, 1);
    assert.equal(a.length, 8 * model.hop);
    assert.ok(a.every(Number.isFinite));
    assert.ok(a.some((v) => v !== 0), 'a sounding curve gives sound');
    assert.deepEqual(await model.render(frames, 1), a);
    assert.notDeepEqual(await model.render(frames, 2), a);
  } finally {
    await model.dispose();
  }
});

test('refuses a frame of the wrong width, naming it', async () => {
  const model = await provides['__NAME__'].load(EXAMPLE);
  await assert.rejects(model.render([[0.1, 0.2]], 0), (err) => err.code === 'NR_MODEL_DESCRIPTORS_INVALID' && err.location.pointer === '/frames/0');
});
`;

/** `plugin new --kind model`: a runtime in plain JavaScript with an example model folder. */
export function modelTemplate(names: ScaffoldNames): PluginTemplate {
  const example = {
    id: `${names.name}-example`,
    name: `${names.title} example`,
    version: '0.1.0',
    runtime: names.name,
    sample_rate: DESCRIPTOR_SAMPLE_RATE,
    hop_length: DESCRIPTOR_HOP_LENGTH,
    descriptors: [...DESCRIPTOR_ORDER],
    neutral: [0.05, 0.05, 3000, 0.05, 1500, 1500, 110],
  };
  return {
    kind: 'model',
    description: `${names.title}: a model runtime (sine and noise driven by the descriptor curves).`,
    provides: [{ id: names.name, formats: ['js'], architectures: [`${names.name}-sine-noise`], streaming: false }],
    entry: fill(ENTRY, names),
    test: fill(TEST, names),
    extraFiles: { 'example-model/manifest.json': JSON.stringify(example, null, 2) + '\n' },
    readme: fill(`## What it does
\`__NAME__\` is a model runtime: it loads model folders whose \`manifest.json\` says
\`"runtime": "__NAME__"\` and renders descriptor curves into audio. \`example-model/\` is such a
folder. The renderer here is a sine at f0 mixed with noise by the flatness; replace \`render\` in
index.js with your network (and \`readManifest\` with your folder's format) and keep the
contract's obligations (\`LoadedModel\` in \`neurorack/sdk\`).

## Try it on the host
Copy \`example-model/\` into the host's user model folder (\`~/.neurorack/models/\`, or
\`$NEURORACK_MODELS_DIR\`), then:

\`\`\`sh
neurorack model bench __NAME__-example          # real-time factors, block timings, delay, memory
neurorack render --model __NAME__-example --bank <bank> --entry 0 --out test.wav
\`\`\`
`, names),
  };
}
