import { NeurorackError } from 'neurorack/sdk';

/** golden.json as training/neurorack_frave/model_folder.py writes it. */
export interface FraveGolden {
  readonly seed: number;
  /** Frames per decoder call; the state is carried from one to the next. */
  readonly calls: number[];
  readonly latent: number[][];
  readonly descriptors: number[][];
  /** [bands][frames*hop/bands] */
  readonly noise: number[][];
  readonly audio: number[];
  readonly encoder?: { readonly audio: number[]; readonly latent: number[][] };
}

export function parseGolden(bytes: Buffer, file: string): FraveGolden {
  let g: FraveGolden;
  try {
    g = JSON.parse(bytes.toString('utf8')) as FraveGolden;
  } catch (err) {
    throw new NeurorackError('NR_JSON_MALFORMED', `golden vector is not JSON: ${(err as Error).message}`, { file });
  }
  const ok = g && Array.isArray(g.calls) && g.calls.every((n) => Number.isInteger(n) && n > 0) && Array.isArray(g.latent) && Array.isArray(g.descriptors)
    && Array.isArray(g.noise) && Array.isArray(g.audio) && g.latent.length === g.calls.reduce((a, b) => a + b, 0) && g.descriptors.length === g.latent.length;
  if (!ok) throw new NeurorackError('NR_SCHEMA_INVALID', 'expected {seed, calls[], latent[T][dim], descriptors[T][7], noise[bands][], audio[]} with T the sum of calls', { file });
  return g;
}
