import { NeurorackError } from '../errors/neurorack-error';

/**
 * Checks descriptor frames ([T][width], raw values, f0 last) and packs them as float32 [T*width]
 * into `out` (or a new array). T = 0, a wrong width or a non-finite value is NR_MODEL_DESCRIPTORS_INVALID.
 */
export function packDescriptors(frames: ReadonlyArray<ReadonlyArray<number>>, width: number, out?: Float32Array, offset = 0): Float32Array {
  if (!Array.isArray(frames) || frames.length === 0) {
    throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', 'expected at least one descriptor frame (T = 0)', { pointer: '/frames' });
  }
  const dst = out ?? new Float32Array(frames.length * width);
  frames.forEach((row, t) => {
    if (!row || row.length !== width) {
      throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', `expected ${width} values per frame, found ${row ? row.length : 0}`, { pointer: `/frames/${t}` });
    }
    for (let k = 0; k < width; k++) {
      const v = row[k]!;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new NeurorackError('NR_MODEL_DESCRIPTORS_INVALID', `expected a finite number, found ${String(v)}`, { pointer: `/frames/${t}/${k}` });
      }
      dst[offset + t * width + k] = v;
    }
  });
  return dst;
}
