import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { progressFor } from '../../banks/progress';
import { buildDataset } from '../../dataset/build-dataset';
import type { RegisterCommand } from './index';

export const register: RegisterCommand = (program, ctx) => {
  const dataset = program.command('dataset').description('training datasets of one-shots with their descriptors');
  dataset
    .command('build')
    .description('build a dataset (trimmed, RMS-normalised one-shots at 22050 Hz + descriptors as .npy + dataset.json)')
    .requiredOption('--out <dir>', 'folder to write the dataset into')
    .option('--synth <n>', 'procedural impacts to generate', (v) => whole(v, 0, 1_000_000), 0)
    .option('--seed <s>', 'seed of the procedural impacts', (v) => whole(v, 0, 0xffffffff), 1)
    .option('--from <folder...>', 'folders of your own WAV files (searched recursively)')
    .option('--validation <permille>', 'items per thousand held out for validation (by hash)', (v) => whole(v, 0, 1000), 50)
    .option('--force', 'replace a dataset already in --out')
    .option('--json', 'print the summary as JSON')
    .action(async (o: { out: string; synth: number; seed: number; from?: string[]; validation: number; force?: boolean; json?: boolean }) => {
      const started = process.hrtime.bigint();
      const m = await buildDataset({
        outDir: path.resolve(ctx.cwd, o.out),
        synth: o.synth > 0 ? { count: o.synth, seed: o.seed } : undefined,
        folders: (o.from ?? []).map((f) => path.resolve(ctx.cwd, f)),
        validationPermille: o.validation,
        force: o.force,
        progress: progressFor(ctx.stderr),
      });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (o.json) {
        ctx.stdout.write(JSON.stringify({ out: path.resolve(ctx.cwd, o.out), totals: m.totals, skipped: m.skipped }, null, 2) + '\n');
        return;
      }
      ctx.stdout.write(
        `dataset: ${m.totals.items} items (${m.totals.train} train, ${m.totals.validation} validation, ${m.totals.durationS.toFixed(1)} s of audio) in ${seconds.toFixed(1)} s\n`,
      );
      if (m.skipped.length) {
        ctx.stdout.write(`skipped ${m.skipped.length}:\n`);
        for (const s of m.skipped) ctx.stdout.write(`  ${s.file}: ${s.reason}\n`);
      }
    });
};

function whole(v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number in [${min}, ${max}]`);
  return n;
}
