import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { progressFor } from '../../banks/progress';
import { listWavFiles } from '../../dataset/dataset-sources';
import { DESCRIPTOR_ORDER } from '../../descriptors';
import { NeurorackError } from '../../errors/neurorack-error';
import { drawEvalPlot, type PlotSeries } from '../../eval/eval-plot';
import { evaluateModel, loadEvalSet, type ModelScore } from '../../eval/evaluate-model';
import { paths } from '../../paths';
import type { PluginLoader } from '../../plugins/plugin-loader';
import { checkpointImporter, loadModelForCommand, modelPlugins, resolveModelDir } from './model-access';
import type { RegisterCommand } from './index';

/** The original Neurorack checkpoint, where the shared fixtures are present. */
const ORIGINAL_CHECKPOINT = path.join(paths.sharedFixtures, 'neurorack-original', 'model_nsf_sinc_ema_impacts_waveform_5.0.th');
/** The runtime that imports and plays original checkpoints. */
const ORIGINAL_RUNTIME = 'sinc-nsf';

/** A model's scores, with what it rendered for each sound (descriptor frames) for the plot. */
interface ScoredRun {
  readonly score: ModelScore;
  readonly obtained: number[][][];
}

async function score(loader: PluginLoader, dir: string, sounds: Parameters<typeof evaluateModel>[1], seed: number, threads: number, stderr: NodeJS.WritableStream): Promise<ScoredRun> {
  const model = await loadModelForCommand(dir, threads, loader);
  const obtained: number[][][] = [];
  try {
    return { score: await evaluateModel(model, sounds, seed, progressFor(stderr as never), (_, frames) => obtained.push(frames)), obtained };
  } finally {
    await model.dispose();
  }
}

function series(label: string, run: ScoredRun): PlotSeries {
  return { label, obtained: run.obtained, scores: run.score.sounds };
}

function table(label: string, s: ModelScore): string {
  const rows = DESCRIPTOR_ORDER.map((n) => {
    const d = s.descriptors[n];
    return `  ${n.padEnd(10)} ${d.correlation.toFixed(3).padStart(7)} ${d.pooledCorrelation.toFixed(3).padStart(8)} ${d.medianAbsLogRatio.toFixed(3).padStart(10)}`;
  });
  return [
    `${label}: ${s.model} (render RTF ${(s.renderSeconds / Math.max(s.audioSeconds, 1e-9)).toFixed(3)})`,
    `  descriptor    corr   pooled  med|logr|`,
    ...rows,
    `  spectral distance ${s.spectralDistance.toFixed(2)} dB`,
  ].join('\n');
}

/** `neurorack eval MODEL --set DIR [--json]`: how faithfully a model follows the descriptor curves of a set of sounds. */
export const register: RegisterCommand = (program, ctx) => {
  program
    .command('eval')
    .description('score a model: render each WAV of a set from its descriptors, re-extract, compare (log-descriptor correlation, median |log ratio|, spectral distance)')
    .argument('<model>', 'model folder or id under models/')
    .requiredOption('--set <dir>', 'folder of WAV files (searched recursively)')
    .option('--match <regex>', 'only files whose name matches')
    .option('--seed <n>', 'seed of the model randomness', '0')
    .option('--threads <n>', 'onnxruntime intra-op threads', '1')
    .option('--original <checkpoint>', `original Neurorack checkpoint to score the same way ('none' to skip; default: ${ORIGINAL_CHECKPOINT} when present)`)
    .option('--json', 'print the scores as JSON')
    .option('--plot <file.png>', 'also draw asked and obtained curves, per sound and descriptor, as a PNG')
    .action(async (modelArg: string, o: { set: string; match?: string; seed: string; threads: string; original?: string; json?: boolean; plot?: string }) => {
      const seed = Number(o.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new NeurorackError('NR_USAGE', `expected --seed to be a non-negative integer, found ${o.seed}`);
      const threads = Math.max(1, Number(o.threads) || 1);
      const dir = resolveModelDir(ctx.cwd, modelArg);
      const setDir = path.resolve(ctx.cwd, o.set);
      let files = listWavFiles(setDir);
      if (o.match) {
        const re = new RegExp(o.match);
        files = files.filter((f) => re.test(path.basename(f)));
      }
      const plotFile = o.plot ? path.resolve(ctx.cwd, o.plot) : null;
      if (plotFile && !plotFile.toLowerCase().endsWith('.png')) throw new NeurorackError('NR_USAGE', `expected --plot to name a .png file, found ${o.plot}`);
      const { sounds, skipped } = await loadEvalSet(files, setDir);
      const loader = modelPlugins();
      const modelRun = await score(loader, dir, sounds, seed, threads, ctx.stderr);
      const model = modelRun.score;
      let originalRun: ScoredRun | null = null;
      const checkpoint = o.original === 'none' ? null : o.original ? path.resolve(ctx.cwd, o.original) : existsSync(ORIGINAL_CHECKPOINT) ? ORIGINAL_CHECKPOINT : null;
      if (checkpoint) {
        if (!existsSync(checkpoint)) throw new NeurorackError('NR_FILE_NOT_FOUND', 'expected an original Neurorack checkpoint', { file: checkpoint });
        // imported under os.tmpdir(), keyed by content: never into the repository
        const importCheckpoint = await checkpointImporter(ORIGINAL_RUNTIME, 'eval --original', loader);
        originalRun = await score(loader, await importCheckpoint(checkpoint), sounds, seed, threads, ctx.stderr);
      }
      const original = originalRun?.score ?? null;
      // the scores first: a plot that cannot be written must not lose them
      if (o.json) {
        ctx.stdout.write(JSON.stringify({ set: setDir, files: sounds.length, skipped, seed, model, original, originalCheckpoint: checkpoint }, null, 2) + '\n');
      } else {
        ctx.stdout.write(`set: ${setDir} (${sounds.length} sounds, seed ${seed})\n`);
        for (const s of skipped) ctx.stdout.write(`  skipped ${s.file}: ${s.reason}\n`);
        ctx.stdout.write(table('model', model) + '\n');
        if (original) ctx.stdout.write(table('original', original) + '\n');
      }
      if (plotFile) {
        const png = drawEvalPlot(sounds, [series(model.model, modelRun), ...(originalRun ? [series('original checkpoint', originalRun)] : [])]);
        try {
          writeFileSync(plotFile, png);
        } catch (err) {
          throw new NeurorackError('NR_EVAL_FAILED', `cannot write the plot (${(err as Error).message})`, { file: plotFile }, { cause: err });
        }
        ctx.stderr.write(`plot: ${plotFile}\n`);
      }
    });
};
