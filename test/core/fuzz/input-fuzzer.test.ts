import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packBank } from '../../../core/banks/bank-pack';
import { readBank } from '../../../core/banks/bank-store';
import { loadRack, profileFile } from '../../../core/config/load-rack';
import { readJsonFile } from '../../../core/config/read-json-file';
import { loadReplay } from '../../../core/engine/replay/replay-file';
import { catalogue } from '../../../core/errors/catalogue';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { paths } from '../../../core/paths';
import { SchemaIds, SchemaRegistry } from '../../../core/schemas/schema-registry';
import { smallBank } from '../banks/bank-fixture';

/** A small seeded generator (mulberry32): the same seed, the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE: unknown[] = [
  null, true, 0, -1, 1e308, -1e308, 2 ** 53, 0.5, '', ' ', 'CON', 'a\u202eb', 'x\u200by', '../../etc/passwd', 'é'.repeat(300),
  [], {}, [[]], { __proto__: { polluted: true } }, { constructor: { prototype: { x: 1 } } }, '1e999', 'NaN', Array.from({ length: 40 }, () => 1),
];

/** One random change to a JSON document: a value replaced, a key dropped or added, an array element doubled or removed. */
function mutate(doc: unknown, rnd: () => number): unknown {
  const copy = JSON.parse(JSON.stringify(doc)) as unknown;
  const containers: Array<Record<string, unknown> | unknown[]> = [];
  const walk = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 6) return;
    containers.push(v as Record<string, unknown>);
    for (const x of Object.values(v as object).slice(0, 12)) walk(x, depth + 1);
  };
  walk(copy, 0);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const changes = 1 + Math.floor(rnd() * 3);
  for (let n = 0; n < changes; n++) {
    const c = pick(containers);
    const keys = Object.keys(c);
    const op = rnd();
    if (Array.isArray(c)) {
      if (op < 0.3 && c.length) c.splice(Math.floor(rnd() * c.length), 1);
      else if (op < 0.5 && c.length) c.push(JSON.parse(JSON.stringify(pick(c))));
      else if (c.length) c[Math.floor(rnd() * c.length)] = pick(HOSTILE);
    } else if (op < 0.25 && keys.length) delete c[pick(keys)];
    else if (op < 0.4) c[pick(['extra', '__proto__', 'id', 'constructor', 'x'])] = pick(HOSTILE);
    else if (keys.length) c[pick(keys)] = pick(HOSTILE);
  }
  return copy;
}

/** Text-level damage: truncation, a byte flipped, a duplicate key. */
function damageText(text: string, rnd: () => number): string {
  const op = rnd();
  if (op < 0.4) return text.slice(0, Math.floor(rnd() * text.length));
  if (op < 0.8) {
    const i = Math.floor(rnd() * text.length);
    return text.slice(0, i) + String.fromCharCode(Math.floor(rnd() * 128)) + text.slice(i + 1);
  }
  return text.replace('{', '{"format":"x",');
}

interface Target {
  readonly name: string;
  readonly file: string;
  readonly original: unknown;
  /** Writes one case's bytes for the loader. */
  readonly encode?: (doc: unknown) => Uint8Array | string;
  readonly load: (file: string) => Promise<unknown> | unknown;
}

/** Issue #27's standing fuzzer: hostile variants of every input the host reads. */
describe('input fuzzer (seeded; issue #27)', function () {
  this.timeout(120_000);
  const seed = Number(process.env.NR_FUZZ_SEED ?? 27);
  const perTarget = Number(process.env.NR_FUZZ_CASES ?? 600);
  const schemas = new SchemaRegistry();
  const readJson = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));
  const targets: Target[] = [
    { name: 'bank', file: 'bank.json', original: smallBank('fuzz-bank'), load: (f) => readBank(f) },
    { name: 'packed bank', file: 'fuzz.nrbank', original: smallBank('fuzz-bank'), encode: (d) => packBank(d as never), load: (f) => readBank(f) },
    { name: 'model manifest', file: 'manifest.json', original: readJson(join(paths.models, 'sinc-nsf-impacts-v1', 'manifest.json')), load: (f) => schemas.validate(SchemaIds.modelManifest, readJsonFile(f), f) },
    { name: 'rack file', file: 'fuzz.rack.json', original: readJson(profileFile('test')), load: (f) => loadRack({ rackFile: f }, schemas) },
    {
      name: 'replay', file: 'replay.json',
      original: { duration_s: 2, events: [{ t: 0, type: 'cv', jack: 1, volts: 1 }, { t: 0.5, type: 'gate', jack: 1, state: 'high' }, { t: 1, type: 'encoder', delta: 1 }, { t: 1.5, type: 'button', state: 'down' }] },
      load: (f) => loadReplay(f, schemas),
    },
  ];

  for (const target of targets) {
    it(`${target.name}: ${perTarget} mutated cases each end in success or a catalogued exit-2 error, without a stack trace, writing nothing`, async () => {
      const rnd = prng(seed * 1000 + target.name.length);
      const dir = mkdtempSync(join(tmpdir(), 'nr-fuzz-'));
      const file = join(dir, target.file);
      const started = performance.now();
      const seen = new Map<string, number>();
      try {
        for (let n = 0; n < perTarget; n++) {
          const doc = mutate(target.original, rnd);
          let bytes: Uint8Array | string = target.encode ? target.encode(doc) : JSON.stringify(doc);
          if (rnd() < 0.2) bytes = target.encode ? (rnd() < 0.5 ? gzipSync(damageText(JSON.stringify({ format: 'neurorack-nrbank', formatVersion: 1, sha256: 'x', bank: doc }), rnd)) : Buffer.from(bytes).subarray(0, Math.floor(rnd() * bytes.length))) : damageText(bytes as string, rnd);
          writeFileSync(file, bytes);
          let outcome = 'ok';
          try {
            await target.load(file);
          } catch (err) {
            const where = `${target.name} case ${n} (seed ${seed})`;
            assert.ok(err instanceof NeurorackError, `${where}: threw ${(err as Error)?.stack ?? String(err)}`);
            assert.ok(err.code in catalogue, `${where}: ${err.code} is not catalogued`);
            assert.equal(catalogue[err.code].exit, 2, `${where}: ${err.describe()} exits ${catalogue[err.code].exit}, expected 2 (bad input)`);
            assert.doesNotMatch(err.describe(), /\n\s+at /, `${where}: a stack trace in the message`);
            outcome = err.code;
          }
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          assert.deepEqual(readdirSync(dir), [target.file], `${target.name} case ${n}: something was written`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const ms = performance.now() - started;
      process.stdout.write(`      (${perTarget} cases in ${ms.toFixed(0)} ms: ${[...seen].map(([k, v]) => `${k} ${v}`).join(', ')})\n`);
    });
  }
});
