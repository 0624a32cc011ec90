import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { RegisterCommand } from './index';
import { measureRtf } from '../../model-bench/real-time-factor';
import { checkpointImporter, loadModelForCommand, modelPlugins } from './model-access';

/** The runtime that imports and plays original Neurorack checkpoints. */
const NEURORACK_RUNTIME = 'sinc-nsf';

/** `neurorack model import-neurorack CHECKPOINT OUTDIR`: original checkpoints into model folders. */
export const register: RegisterCommand = (program, ctx) => {
  const model = program.command('model').description('model folders: import, inspect');
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
        const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
        manifest['latency'] = { rtf_1thread: Number(rtf.toFixed(4)), render_seconds: 2, measured_on: `${cpus()[0]?.model ?? 'cpu'}, onnxruntime-node, 1 thread` };
        writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
        ctx.stdout.write(`real-time factor on 1 thread: ${rtf.toFixed(3)}\n`);
      }
      await loaded.dispose();
    });
};
