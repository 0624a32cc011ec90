import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { caseBytes, prng, type FuzzTarget } from './mutations';

interface Target extends FuzzTarget {
  readonly file: string;
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
          writeFileSync(file, caseBytes(target, rnd));
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
