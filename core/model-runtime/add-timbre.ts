import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';
import { SILENT_RMS } from '../descriptors/silent-frames';
import { readWavFile } from '../audio/wav-read';
import { resampleOffline } from '../audio/resample';
import { NeurorackError } from '../errors/neurorack-error';
import type { LoadedModel } from './model-runtime';
import { TIMBRE_NAME, timbreJson } from './timbre-file';
import { userTimbresDir } from './user-timbres';

/** The fewest frames a timbre is encoded from (8 frames: 0.19 s at 22050 Hz / 512). */
export const MIN_TIMBRE_FRAMES = 8;
/** Frames kept by default: as many as the shipped timbres (the export encodes 64). */
export const DEFAULT_TIMBRE_FRAMES = 64;

export interface AddTimbreOptions {
  /** Replace a user timbre of the same name (a shipped one is never replaced). */
  readonly force?: boolean;
  /** Frames of the sound to encode, from its start (default 64; the latent is held at its last frame past them). */
  readonly maxFrames?: number;
}

export interface AddedTimbre {
  readonly name: string;
  readonly file: string;
  readonly frames: number;
  /** The WAV's rate when it was resampled to the model's. */
  readonly resampledFrom?: number;
}

/**
 * Encodes a WAV through a model's encoder into a user timbre (userTimbresDir(model.id)/NAME.json),
 * written atomically. Refuses: a model without an encoder (NR_TIMBRE_UNSUPPORTED), a bad name
 * (NR_USAGE), a name the model already has (NR_TIMBRE_EXISTS; a user one is replaced with `force`),
 * a sound shorter than MIN_TIMBRE_FRAMES or silent, an RMS under -80 dBFS (NR_TIMBRE_AUDIO_UNUSABLE).
 * A WAV at another rate is resampled to the model's (libsamplerate's best converter); a stereo one
 * is mixed to mono.
 */
export async function addTimbre(model: LoadedModel, wavFile: string, name: string, options: AddTimbreOptions = {}): Promise<AddedTimbre> {
  if (!model.encodeTimbre || !model.timbres) throw new NeurorackError('NR_TIMBRE_UNSUPPORTED', `model ${model.id} takes no timbres (its runtime offers no encoder)`);
  if (!TIMBRE_NAME.test(name)) throw new NeurorackError('NR_USAGE', `expected --name of lower-case letters, digits, _ and - (at most 32, starting with a letter or digit), found "${name}"`, { pointer: '/name' });
  const existing = model.timbres.find((t) => t.name === name);
  if (existing && (existing.origin === 'shipped' || !options.force)) {
    throw new NeurorackError('NR_TIMBRE_EXISTS', existing.origin === 'shipped' ? `model ${model.id} ships a timbre named "${name}"; choose another name` : `model ${model.id} already has a user timbre "${name}"; use --force to replace it`, { pointer: '/name' });
  }
  const wav = readWavFile(wavFile);
  const audio = wav.sampleRate === model.sampleRate ? wav.mono : await resampleOffline(wav.mono, wav.sampleRate, model.sampleRate);
  const frames = Math.min(Math.floor(audio.length / model.hop), Math.max(MIN_TIMBRE_FRAMES, options.maxFrames ?? DEFAULT_TIMBRE_FRAMES));
  if (frames < MIN_TIMBRE_FRAMES) {
    throw new NeurorackError('NR_TIMBRE_AUDIO_UNUSABLE', `too short: ${(audio.length / model.sampleRate).toFixed(3)} s is ${Math.floor(audio.length / model.hop)} frames, expected at least ${MIN_TIMBRE_FRAMES} (${(MIN_TIMBRE_FRAMES * model.hop / model.sampleRate).toFixed(3)} s)`, { file: wavFile });
  }
  const used = audio.subarray(0, frames * model.hop);
  let sum = 0;
  for (const v of used) sum += v * v;
  const rms = Math.sqrt(sum / used.length);
  if (!(rms >= SILENT_RMS)) {
    throw new NeurorackError('NR_TIMBRE_AUDIO_UNUSABLE', `silent: its first ${frames} frames have an RMS of ${rms.toExponential(2)}, expected at least ${SILENT_RMS} (-80 dBFS)`, { file: wavFile });
  }
  const latent = await model.encodeTimbre(used);
  const dir = userTimbresDir(model.id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  await writeFileAtomic(file, timbreJson(name, `wav: ${basename(wavFile)}`, latent));
  return { name, file, frames: latent.length, resampledFrom: wav.sampleRate === model.sampleRate ? undefined : wav.sampleRate };
}
