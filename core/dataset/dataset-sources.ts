import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWavFile } from '../audio/wav-read';
import { resampleOffline } from '../audio/resample';
import { DESCRIPTOR_SAMPLE_RATE } from '../descriptors';
import { NeurorackError } from '../errors/neurorack-error';
import { DEFAULT_IMPACT_CATEGORIES } from '../synth/impact-recipe';
import { mixSeed } from '../synth/prng';
import { makeImpactRecipe } from '../synth/recipes/make-recipe';
import { renderImpact } from '../synth/render/render-impact';

/** One candidate sound before the one-shot rule: mono samples at 22050 Hz, or why it could not be read. */
export type RawSound = { source: string; samples: Float32Array } | { source: string; error: string };

/**
 * `count` procedural impacts: item i has seed mixSeed(seed, i) and the default categories in turn,
 * exactly as `neurorack synth-impacts --count N --seed S` writes them.
 */
export async function* synthSounds(count: number, seed: number): AsyncGenerator<RawSound> {
  for (let i = 0; i < count; i++) {
    const itemSeed = mixSeed(seed, i);
    const recipe = makeImpactRecipe(itemSeed, DEFAULT_IMPACT_CATEGORIES[i % DEFAULT_IMPACT_CATEGORIES.length]);
    yield { source: `synth:${recipe.category}:${itemSeed}`, samples: renderImpact(recipe, itemSeed) };
  }
}

/** Every .wav under `folder` (recursively, sorted, so the order is stable). */
export function listWavFiles(folder: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new NeurorackError('NR_FILE_NOT_FOUND', 'no such folder; expected a folder of WAV files', { file: folder });
  }
  if (!stat.isDirectory()) throw new NeurorackError('NR_DATASET_INVALID', 'is not a folder; expected a folder of WAV files', { file: folder });
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.wave?$/i.test(e.name)) out.push(p);
    }
  };
  walk(folder);
  return out;
}

/** The sounds of WAV `files`, mixed to mono and resampled to 22050 Hz; unreadable ones carry their error. */
export async function* fileSounds(files: readonly string[]): AsyncGenerator<RawSound> {
  for (const file of files) {
    try {
      const audio = readWavFile(file);
      const samples = audio.sampleRate === DESCRIPTOR_SAMPLE_RATE ? audio.mono : await resampleOffline(audio.mono, audio.sampleRate, DESCRIPTOR_SAMPLE_RATE);
      yield { source: file, samples };
    } catch (err) {
      yield { source: file, error: err instanceof NeurorackError ? `${err.code}: ${err.message}` : String((err as Error).message ?? err) };
    }
  }
}
