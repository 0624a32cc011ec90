import * as path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { progressFor } from '../../banks/progress';
import { NeurorackError } from '../../errors/neurorack-error';
import { generateImpactBatch } from '../../synth/impact-batch';
import { DEFAULT_IMPACT_CATEGORIES, IMPACT_CATEGORIES, type ImpactCategory } from '../../synth/impact-recipe';
import type { RegisterCommand } from './index';

const MAX_COUNT = 100_000;

export const register: RegisterCommand = (program, ctx) => {
  program
    .command('synth-impacts')
    .description('generate procedural impact one-shots (32-bit float mono WAV, 22050 Hz) with JSON recipe sidecars')
    .requiredOption('--count <n>', 'how many impacts', (v) => wholeNumber(v, 1, MAX_COUNT))
    .requiredOption('--seed <s>', 'batch seed (0..4294967295); the same seed gives byte-identical files', (v) => wholeNumber(v, 0, 0xffffffff))
    .requiredOption('--out <dir>', 'folder to write into (created if missing)')
    .option('--category <list>', `comma-separated categories to cycle through: ${IMPACT_CATEGORIES.join(', ')} (default: ${DEFAULT_IMPACT_CATEGORIES.join(', ')})`, categories)
    .action(async (o: { count: number; seed: number; out: string; category?: ImpactCategory[] }) => {
      const outDir = path.resolve(ctx.cwd, o.out);
      const progress = progressFor(ctx.stderr);
      const started = process.hrtime.bigint();
      let audioS = 0;
      progress.start(o.count, 'impacts');
      try {
        await generateImpactBatch({
          count: o.count,
          seed: o.seed,
          outDir,
          categories: o.category,
          onItem: (item) => {
            audioS += item.recipe.durationS;
            progress.tick(path.basename(item.wav));
          },
        });
      } catch (err) {
        if (err instanceof NeurorackError) throw err;
        throw new NeurorackError('NR_INTERNAL', `could not write the impacts (${(err as Error).message})`, { file: outDir }, { cause: err });
      } finally {
        progress.stop();
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      ctx.stdout.write(`wrote ${o.count} impacts (${audioS.toFixed(1)} s of audio) to ${outDir} in ${seconds.toFixed(2)} s\n`);
    });
};

function wholeNumber(v: string, min: number, max: number): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number in [${min}, ${max}]`);
  return n;
}

function categories(v: string): ImpactCategory[] {
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = list.filter((c) => !(IMPACT_CATEGORIES as readonly string[]).includes(c));
  if (list.length === 0) throw new InvalidArgumentError(`expected some of ${IMPACT_CATEGORIES.join(', ')}`);
  if (unknown.length) throw new InvalidArgumentError(`unknown categor${unknown.length === 1 ? 'y' : 'ies'} ${unknown.join(', ')}; expected some of ${IMPACT_CATEGORIES.join(', ')}`);
  return list as ImpactCategory[];
}
