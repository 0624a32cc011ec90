import { writeFileSync } from 'node:fs';
import { readJsonFile } from '../../config/read-json-file';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { NeurorackError } from '../../errors/neurorack-error';
import { runtimeOfModelDir } from '../../model-packages/model-runtimes';
import { benchModel, describeBench } from '../../model-bench/bench-model';
import { measureRtf } from '../../model-bench/real-time-factor';
import type { RegisterCommand } from './index';
import { checkpointImporter, loadModelForCommand, modelPlugins, resolveModelDir } from './model-access';
import { registerModelPackageCommands } from './model-package-commands';
import { registerModelTimbreCommands } from './model-timbre-commands';

/** The runtime that imports and plays original Neurorack checkpoints. */
const NEURORACK_RUNTIME = 'sinc-nsf';

/** `neurorack model import-neurorack CHECKPOINT OUTDIR` (original checkpoints into model folders), `model bench MODEL`, and the package commands. */
export const register: RegisterCommand = (program, ctx) => {
  const model = program.command('model').description('model folders: import, benchmark, pack, validate, install, list, timbres');
  model
    .command('import-neurorack')
    .description('turn an original Neurorack hn-sinc-NSF checkpoint (.th) into a model folder (needs Python with torch and onnx)')
    .argument('<checkpoint>', 'the original whole-model pickle')
    .argument('<outdir>', 'the model folder to write')
    .option('--id <id>', 'model id', 'neurorack-original')
    .option('--name <name>', 'display name')
    .option('--no-measure', 'skip measuring the real-time factor')
    .action(async (checkpoint: string, outdir: string, opts: { id: string; name?: string; measure: boolean }) => {
      const out = resolve(ctx.cwd, outdir);
      const loader = modelPlugins();
      const importCheckpoint = await checkpointImporter(NEURORACK_RUNTIME, 'model import-neurorack', loader);
      await importCheckpoint(resolve(ctx.cwd, checkpoint), { outDir: out, id: opts.id, name: opts.name });
      const loaded = await loadModelForCommand(out, 1, loader);
      ctx.stdout.write(`imported ${loaded.id} into ${out} (golden vector checked)\n`);
      if (opts.measure) {
        const rtf = await measureRtf(loaded, 2);
        const file = join(out, 'manifest.json');
        const manifest = readJsonFile(file) as Record<string, unknown>;
        manifest['latency'] = { rtf_1thread: Number(rtf.toFixed(4)), render_seconds: 2, measured_on: `${cpus()[0]?.model ?? 'cpu'}, onnxruntime-node, 1 thread` };
        writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
        ctx.stdout.write(`real-time factor on 1 thread: ${rtf.toFixed(3)}\n`);
      }
      await loaded.dispose();
    });

  model
    .command('bench')
    .description('time a model through its runtime, the same way for every runtime: real-time factor of 1 s and 10 s renders, per block size the model plays its rtf and p99, its own delay and the buffering delay, peak memory')
    .argument('<model>', 'model folder, or the id of an installed model')
    .option('--threads <n>', 'intra-op threads of the runtime', '1')
    .option('--json', 'print {model, rtf_1s, rtf_10s, blocks: [{frames, rtf, p99_ms}], delay_ms, first_chunk_ms, peak_rss_mb, block_source, merged_chunks}')
    .action(async (modelArg: string, opts: { threads: string; json?: boolean }) => {
      const threads = Number(opts.threads);
      if (!Number.isInteger(threads) || threads < 1 || threads > 16) throw new NeurorackError('NR_USAGE', `expected --threads to be an integer from 1 to 16, found ${opts.threads}`);
      const dir = resolveModelDir(ctx.cwd, modelArg);
      const loaded = await loadModelForCommand(dir, threads);
      try {
        const bench = await benchModel(loaded, undefined, opts.json ? undefined : (step) => ctx.stderr.write(`timing ${step}...\n`));
        ctx.stdout.write(opts.json ? JSON.stringify(bench, null, 2) + '\n' : describeBench(bench, runtimeOfModelDir(dir), threads).join('\n') + '\n');
      } finally {
        await loaded.dispose();
      }
    });
  registerModelPackageCommands(model, ctx);
  registerModelTimbreCommands(model, ctx);
};
