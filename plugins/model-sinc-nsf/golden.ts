import { NeurorackError } from 'neurorack/sdk';
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
  if (audio.length !== golden.audio.length) {
    throw new NeurorackError('NR_MODEL_GOLDEN_MISMATCH', `expected ${golden.audio.length} samples, rendered ${audio.length}`, { file });
  }
  let worst = 0;
  let at = 0;
  for (let i = 0; i < audio.length; i++) {
    const e = Math.abs(audio[i]! - golden.audio[i]!);
    if (!(e <= worst)) { worst = e; at = i; }
  }
  if (!(worst <= tolerance)) {
    throw new NeurorackError('NR_MODEL_GOLDEN_MISMATCH', `expected every sample within ${tolerance} of the golden vector, sample ${at} is off by ${worst}`, { file, pointer: `/audio/${at}` });
  }
}
