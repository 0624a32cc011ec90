import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { WaveFile } from 'wavefile';
import type { RegisterCommand } from './index';
import { NeurorackError } from '../../errors/neurorack-error';
import { writeFileAtomic } from '../../files/atomic-write';
import { readBoundedSync } from '../../files/read-bounded';
import { checkRenderLength, MAX_DESCRIPTORS_JSON_BYTES } from '../../audio/render-budget';
import { readBankEntries, resolveBankPath } from '../../banks/bank-entry';
import { DESCRIPTOR_ORDER } from '../../descriptors/descriptor-matrix';
import { describeFinish, finishRender } from '../../audio/render-output';
import { HOP as MODEL_HOP, MODEL_RATE } from '../../engine/descriptor-frames';
import { loadRack } from '../../config/load-rack';
import { SchemaRegistry } from '../../schemas/schema-registry';
import { loadModelForCommand, modelPlugins, resolveModelDir } from './model-access';
import { selectTimbre } from './model-timbre-commands';
import { rackOptions, rackSourceFrom } from './rack-options';

/** The JSON `neurorack descriptors --json` prints. */
interface DescriptorsJson {
  sample_rate: number;
  hop_length: number;
  descriptor_order: string[];
  frames: number[][];
}

function readDescriptors(file: string): DescriptorsJson {
  if (!existsSync(file)) throw new NeurorackError('NR_FILE_NOT_FOUND', 'expected a descriptors JSON file', { file });
  const text = readBoundedSync(file, { maxBytes: MAX_DESCRIPTORS_JSON_BYTES, what: 'descriptors JSON' }).toString('utf8');
  let doc: DescriptorsJson;
  try {
    doc = JSON.parse(text) as DescriptorsJson;
  } catch (err) {
    throw new NeurorackError('NR_JSON_MALFORMED', (err as Error).message, { file });
  }
  if (!doc || !Array.isArray(doc.frames) || !Array.isArray(doc.descriptor_order)) {
    throw new NeurorackError('NR_SCHEMA_INVALID', 'expected {sample_rate, hop_length, descriptor_order, frames} as printed by `neurorack descriptors --json`', { file });
  }
  if (!(doc.sample_rate > 0) || !(doc.hop_length > 0)) {
    throw new NeurorackError('NR_SCHEMA_INVALID', `expected a positive sample_rate and hop_length, found ${JSON.stringify(doc.sample_rate)} and ${JSON.stringify(doc.hop_length)}`, { file, pointer: '/sample_rate' });
  }
  return doc;
}

/** One bank entry in the shape `neurorack descriptors --json` prints (banks hold frames at 22050 Hz / hop 512 in the host's order). */
async function bankDescriptors(cwd: string, bank: string, entry: string): Promise<{ file: string; doc: DescriptorsJson }> {
  const where = resolveBankPath(existsSync(resolve(cwd, bank)) ? resolve(cwd, bank) : bank)!;
  const { file, frames } = await readBankEntries(where, [{ key: entry, flag: '--entry' }]);
  return { file, doc: { sample_rate: MODEL_RATE, hop_length: MODEL_HOP, descriptor_order: [...DESCRIPTOR_ORDER], frames: frames[0]! } };
}

/** `neurorack render [--model DIR|ID] [--profile NAME | --rack FILE] (--bank DIR|ID --entry NAME|N | --descriptors FILE.json) [--seed N] [--timbre NAME] --out FILE.wav`. */
export const register: RegisterCommand = (program, ctx) => {
  const cmd = program
    .command('render')
    .description('render a descriptor curve through a model into a WAV at the model rate (DC removed, peaks held under full scale by the live safety limiter, non-finite audio refused)')
    .option('--model <dir|id>', "model folder or id under models/ (default: the rack's model.default)")
    .option('--descriptors <file>', 'descriptor JSON as printed by `neurorack descriptors --json`')
    .option('--bank <dir|id>', 'descriptor bank (folder, bank.json, .nrbank, or a shipped bank id) to take --entry from')
    .option('--entry <name|n>', 'bank entry by name or index')
    .option('--seed <n>', 'seed of the model randomness', '0')
    .option('--threads <n>', 'onnxruntime intra-op threads', '1')
    .option('--timbre <name>', "for a model with a latent: the timbre to play (default: the model's first; see `neurorack model timbres`)")
    .requiredOption('--out <file>', 'WAV file to write (32-bit float)');
  rackOptions(cmd)
    .action(async (opts: { model?: string; profile?: string; rack?: string; descriptors?: string; bank?: string; entry?: string; seed: string; threads: string; timbre?: string; out: string }) => {
      if (!opts.descriptors === !(opts.bank && opts.entry)) throw new NeurorackError('NR_USAGE', 'expected either --descriptors FILE.json or --bank DIR|ID with --entry NAME|N');
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed) || seed < 0) throw new NeurorackError('NR_USAGE', `expected --seed to be a non-negative integer, found ${opts.seed}`);
      const source = rackSourceFrom({ profile: opts.profile, rack: opts.rack && resolve(ctx.cwd, opts.rack) });
      const dir = resolveModelDir(ctx.cwd, opts.model ?? loadRack(source, new SchemaRegistry()).config.model.default);
      const { file, doc } = opts.descriptors ? { file: resolve(ctx.cwd, opts.descriptors), doc: readDescriptors(resolve(ctx.cwd, opts.descriptors)) } : await bankDescriptors(ctx.cwd, opts.bank!, opts.entry!);
      checkRenderLength(doc.frames.length, doc.sample_rate, doc.hop_length, { file });
      const model = await loadModelForCommand(dir, Math.max(1, Number(opts.threads) || 1), modelPlugins('profile' in source ? { profile: source.profile } : { rack: source.rackFile }));
      try {
        if (opts.timbre !== undefined) selectTimbre(model, opts.timbre);
        const order = model.descriptorNames;
        if (doc.descriptor_order.join(',') !== order.join(',')) {
          throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', `expected descriptor_order [${order.join(', ')}], found [${doc.descriptor_order.join(', ')}]`, { file, pointer: '/descriptor_order' });
        }
        if (doc.hop_length !== model.hop || doc.sample_rate !== model.sampleRate) {
          throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', `expected frames at ${model.sampleRate} Hz / hop ${model.hop}, found ${doc.sample_rate} Hz / hop ${doc.hop_length}`, { file, pointer: '/hop_length' });
        }
        let audio: Float32Array;
        try {
          audio = await model.render(doc.frames, seed);
        } catch (err) {
          if (err instanceof NeurorackError && !err.location.file) throw new NeurorackError(err.code, err.message, { ...err.location, file });
          throw err;
        }
        const finish = finishRender(audio, model.sampleRate, { file });
        for (const line of describeFinish(finish)) ctx.stderr.write(`neurorack: warning: ${line}\n`);
        const report = model.inputReport?.();
        if (report && report.framesOutOfRange > 0) {
          const which = Object.entries(report.outOfRangeByDescriptor).map(([k, n]) => `${k} ${n}`).join(', ');
          ctx.stderr.write(`neurorack: warning: ${report.framesOutOfRange} of ${doc.frames.length} frames ask for descriptors outside the model's training range (${which}); the model clamps them\n`);
        }
        const wav = new WaveFile();
        wav.fromScratch(1, model.sampleRate, '32f', audio);
        await writeFileAtomic(resolve(ctx.cwd, opts.out), wav.toBuffer());
        ctx.stdout.write(`wrote ${resolve(ctx.cwd, opts.out)}: ${(audio.length / model.sampleRate).toFixed(3)} s at ${model.sampleRate} Hz\n`);
      } finally {
        await model.dispose();
      }
    });
};
