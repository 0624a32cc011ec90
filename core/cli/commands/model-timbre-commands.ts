import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { CliContext } from '../cli-context';
import { NeurorackError } from '../../errors/neurorack-error';
import { addTimbre } from '../../model-runtime/add-timbre';
import { userTimbresDir } from '../../model-runtime/user-timbres';
import type { LoadedModel } from '../../model-runtime/model-runtime';
import { loadModelForCommand, resolveModelDir } from './model-access';

/** Selects `name` on a loaded model; a model without timbres refuses any name. */
export function selectTimbre(model: LoadedModel, name: string): void {
  if (!model.selectTimbre) throw new NeurorackError('NR_TIMBRE_UNSUPPORTED', `model ${model.id} takes no timbre (its runtime has no latent); leave --timbre out`, { pointer: '/timbre' });
  model.selectTimbre(name);
}

/** `neurorack model add-timbre MODEL FILE.wav --name N [--force] [--frames N]` and `model timbres MODEL [--json]`. */
export function registerModelTimbreCommands(model: Command, ctx: CliContext): void {
  model
    .command('add-timbre')
    .description(`encode a sound through a model's encoder into a timbre the model can play (written to the user timbre folder, ${userTimbresDir('<model id>')})`)
    .argument('<model>', 'model folder, or the id of an installed model')
    .argument('<wav>', 'the sound (any rate: resampled to the model rate; at least 8 frames, not silent)')
    .requiredOption('--name <name>', 'the timbre name (a-z, 0-9, _ and -)')
    .option('--frames <n>', 'frames to encode from the start of the sound', '64')
    .option('--force', 'replace a user timbre of the same name')
    .action(async (modelArg: string, wav: string, opts: { name: string; frames: string; force?: boolean }) => {
      const maxFrames = Number(opts.frames);
      if (!Number.isInteger(maxFrames) || maxFrames < 8 || maxFrames > 4096) throw new NeurorackError('NR_USAGE', `expected --frames to be an integer from 8 to 4096, found ${opts.frames}`);
      const loaded = await loadModelForCommand(resolveModelDir(ctx.cwd, modelArg), 1);
      try {
        const added = await addTimbre(loaded, resolve(ctx.cwd, wav), opts.name, { force: opts.force, maxFrames });
        if (added.resampledFrom) ctx.stderr.write(`neurorack: note: resampled from ${added.resampledFrom} Hz to ${loaded.sampleRate} Hz\n`);
        ctx.stdout.write(`added timbre ${added.name} to ${loaded.id} (${added.frames} frames): ${added.file}\n`);
      } finally {
        await loaded.dispose();
      }
    });

  model
    .command('timbres')
    .description("list a model's timbres (shipped ones first; the first is the default), and the user timbre files it refused")
    .argument('<model>', 'model folder, or the id of an installed model')
    .option('--json', 'print [{name, source, frames, origin}]')
    .action(async (modelArg: string, opts: { json?: boolean }) => {
      const loaded = await loadModelForCommand(resolveModelDir(ctx.cwd, modelArg), 1);
      try {
        if (!loaded.timbres) throw new NeurorackError('NR_TIMBRE_UNSUPPORTED', `model ${loaded.id} takes no timbres (its runtime has no latent)`);
        const refused = (loaded as { refusedTimbres?: readonly NeurorackError[] }).refusedTimbres ?? [];
        for (const err of refused) ctx.stderr.write(`neurorack: warning: left out ${err.describe()}\n`);
        if (opts.json) {
          ctx.stdout.write(JSON.stringify(loaded.timbres, null, 2) + '\n');
          return;
        }
        for (const t of loaded.timbres) {
          ctx.stdout.write(`${t.name === loaded.timbre ? '*' : ' '} ${t.name.padEnd(16)} ${t.origin.padEnd(7)} ${String(t.frames).padStart(4)} frames  ${t.source}\n`);
        }
      } finally {
        await loaded.dispose();
      }
    });
}
