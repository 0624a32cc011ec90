import { NeurorackError } from '../errors/neurorack-error';

/**
 * Compares what a runtime computed with a golden vector, value by value: resolves with the worst
 * absolute error, or throws NR_MODEL_GOLDEN_MISMATCH naming `file` and `<pointer>/<i>` (the first
 * worst value) when it is over `tolerance`, or when the lengths differ.
 */
export function compareToGolden(got: Float32Array, want: readonly number[], tolerance: number, file: string, pointer: string): number {
  if (got.length !== want.length) throw new NeurorackError('NR_MODEL_GOLDEN_MISMATCH', `expected ${want.length} values, the runtime gave ${got.length}`, { file, pointer });
  let worst = 0;
  let at = 0;
  for (let i = 0; i < got.length; i++) {
    const e = Math.abs(got[i]! - want[i]!);
    if (!(e <= worst)) { worst = e; at = i; }
  }
  if (!(worst <= tolerance)) {
    throw new NeurorackError('NR_MODEL_GOLDEN_MISMATCH', `expected every value within ${tolerance} of the golden vector, value ${at} is off by ${worst}`, { file, pointer: `${pointer}/${at}` });
  }
  return worst;
}
