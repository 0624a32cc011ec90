import { compareToGolden, NeurorackError } from 'neurorack/sdk';
import type { SincNsfModel } from './sinc-nsf-model';

/** golden.json as written by training/neurorack_nsf/model_folder.py. */
interface GoldenVector {
  readonly seed: number;
  readonly descriptors: number[][];
  readonly audio: number[];
  readonly rms?: number;
}

/** Renders the golden descriptors with the golden seed and compares sample by sample. */
export async function checkGolden(model: SincNsfModel, bytes: Buffer, tolerance: number, file: string): Promise<void> {
  let golden: GoldenVector;
  try {
    golden = JSON.parse(bytes.toString('utf8')) as GoldenVector;
  } catch (err) {
    throw new NeurorackError('NR_JSON_MALFORMED', `golden vector is not JSON: ${(err as Error).message}`, { file });
  }
  if (!Array.isArray(golden.descriptors) || !Array.isArray(golden.audio) || typeof golden.seed !== 'number') {
    throw new NeurorackError('NR_SCHEMA_INVALID', 'expected {seed, descriptors[][], audio[]}', { file });
  }
  const audio = await model.render(golden.descriptors, golden.seed);
  compareToGolden(audio, golden.audio, tolerance, file, '/audio');
}
