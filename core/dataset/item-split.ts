import { createHash } from 'node:crypto';

/** Which part of a dataset an item belongs to. */
export type DatasetSplit = 'train' | 'validation';

/** sha256 (hex) of the processed float32 samples, little-endian: the item's identity. */
export function hashSamples(samples: Float32Array): string {
  const bytes = Buffer.alloc(samples.length * 4);
  for (let i = 0; i < samples.length; i++) bytes.writeFloatLE(samples[i], i * 4);
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The split an item falls in, from its hash alone (so adding items never moves existing ones):
 * validation when the hash's first 32 bits, mod 1000, are below `validationPermille`.
 */
export function splitForHash(hash: string, validationPermille: number): DatasetSplit {
  return parseInt(hash.slice(0, 8), 16) % 1000 < validationPermille ? 'validation' : 'train';
}
