import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { packBank } from '../../../core/banks/bank-pack';
import { profileFile } from '../../../core/config/load-rack';
import { catalogue, type ErrorCode } from '../../../core/errors/catalogue';
import { paths } from '../../../core/paths';
import { runCli } from '../../helpers/run-cli';
import { smallBank } from '../banks/bank-fixture';
import { caseBytes, prng, type FuzzTarget } from './mutations';

interface CliTarget extends FuzzTarget {
  /** Where a case is written, relative to the case folder. */
  readonly file: string;
  /** The command line that reads it. */
  readonly argv: (file: string) => string[];
  /** Sets the case folder up before the first case (a model's other files). */
  readonly prepare?: (dir: string) => void;
}

/** Every file under `dir` with its size and modification time: what a case may not change. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out.push(`${relative(dir, p)} ${st.size} ${st.mtimeMs}`);
    }
  };
  walk(dir);
  return out;
}

/**
 * Issue #27's standing fuzzer, through the command line as a user runs it (in-process, `main`):
 * hostile variants of banks, packed banks, model and plugin manifests, rack files and replays, each handed to
 * the command that reads it. Every case must exit 0 or 2; a failure must be one line naming a
 * catalogued error of bad input, with no stack trace; and nothing may be written beside the case.
 * (input-fuzzer.test.ts runs the same mutations through the loaders, more cases, faster.)
 */
describe('command-line fuzzer (seeded; issue #27)', function () {
  this.timeout(180_000);
  const seed = Number(process.env.NR_FUZZ_SEED ?? 27);
  const perTarget = Number(process.env.NR_FUZZ_CLI_CASES ?? 300);
  const readJson = (f: string): unknown => JSON.parse(readFileSync(f, 'utf8'));
  const targets: CliTarget[] = [
    { name: 'bank', file: 'bank.json', original: smallBank('fuzz-bank'), argv: (f) => ['bank', 'validate', f] },
    { name: 'packed bank', file: 'fuzz.nrbank', original: smallBank('fuzz-bank'), encode: (d) => packBank(d as never), argv: (f) => ['bank', 'validate', f] },
    {
      name: 'model manifest', file: 'model/manifest.json', original: readJson(join(paths.models, 'sinc-nsf-impacts-v1', 'manifest.json')),
      prepare: (dir) => cpSync(join(paths.models, 'sinc-nsf-impacts-v1'), join(dir, 'model'), { recursive: true }),
      argv: (f) => ['model', 'validate', join(f, '..')],
    },
    {
      // The folder's code is copied too: `plugins validate` checks that its entry file is there, and must never run it.
      name: 'plugin manifest', file: 'plugin/plugin.json', original: readJson(join(paths.builtinPlugins, 'cv-mappings-core', 'plugin.json')),
      prepare: (dir) => cpSync(join(paths.builtinPlugins, 'cv-mappings-core'), join(dir, 'plugin'), { recursive: true }),
      argv: (f) => ['plugins', 'validate', join(f, '..')],
    },
    { name: 'rack file', file: 'fuzz.rack.json', original: readJson(profileFile('test')), argv: (f) => ['plugins', 'list', '--rack', f] },
    {
      name: 'replay', file: 'replay.json',
      original: { duration_s: 2, events: [{ t: 0, type: 'cv', jack: 1, volts: 1 }, { t: 0.5, type: 'gate', jack: 1, state: 'high' }, { t: 1, type: 'encoder', delta: 1 }, { t: 1.5, type: 'button', state: 'down' }] },
      // No output asked: a replay that reads well ends in NR_USAGE ("nothing to write") before any host boots.
      argv: (f) => ['run', '--replay', f],
    },
  ];

  it('refuses a model manifest whose sizes no model has (found by this fuzzer: hop_length 1e308 passed the schema and failed the render with exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nr-cli-fuzz-'));
    try {
      cpSync(join(paths.models, 'sinc-nsf-impacts-v1'), join(dir, 'model'), { recursive: true });
      const manifest = readJson(join(dir, 'model', 'manifest.json')) as Record<string, unknown>;
      writeFileSync(join(dir, 'model', 'manifest.json'), JSON.stringify({ ...manifest, hop_length: 1e308 }));
      const res = await runCli(['model', 'validate', join(dir, 'model')], dir);
      assert.equal(res.code, 2, res.stderr);
      assert.match(res.stderr, /NR_SCHEMA_INVALID: .*\/hop_length/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const target of targets) {
    it(`${target.name}: ${perTarget} mutated cases through \`neurorack ${target.argv('FILE').join(' ')}\` exit 0 or 2 with one catalogued error line, no stack trace, nothing written`, async () => {
      const rnd = prng(seed * 7919 + target.name.length);
      const dir = mkdtempSync(join(tmpdir(), 'nr-cli-fuzz-'));
      const file = join(dir, target.file);
      const started = performance.now();
      const seen = new Map<string, number>();
      try {
        target.prepare?.(dir);
        mkdirSync(join(file, '..'), { recursive: true });
        for (let n = 0; n < perTarget; n++) {
          writeFileSync(file, caseBytes(target, rnd));
          const before = snapshot(dir);
          const res = await runCli(target.argv(file), dir);
          const where = `${target.name} case ${n} (seed ${seed})`;
          assert.ok(res.code === 0 || res.code === 2, `${where}: exit ${res.code}; stderr: ${res.stderr}`);
          assert.doesNotMatch(res.stderr, /^\s+at /m, `${where}: a stack trace: ${res.stderr}`);
          let outcome = 'ok';
          if (res.code === 2) {
            const lines = res.stderr.trimEnd().split('\n');
            const m = /^neurorack: (NR_[A-Z0-9_]+): /.exec(lines.at(-1) ?? '');
            assert.ok(m, `${where}: the error is not one catalogued line: ${res.stderr}`);
            const code = m[1] as ErrorCode;
            assert.ok(code in catalogue, `${where}: ${code} is not catalogued`);
            assert.equal(catalogue[code].exit, 2, `${where}: ${code} is not an error of bad input`);
            outcome = code;
          }
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          assert.deepEqual(snapshot(dir), before, `${where}: something was written`);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const ms = performance.now() - started;
      process.stdout.write(`      (${perTarget} cases in ${ms.toFixed(0)} ms: ${[...seen].map(([k, v]) => `${k} ${v}`).join(', ')})\n`);
    });
  }
});
