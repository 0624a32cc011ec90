import type { LoadedModel } from '../model-runtime/model-runtime';

/** Milliseconds since an arbitrary origin, from the monotonic high-resolution clock. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Times `repeats` offline renders of `curve` (seeds 1..repeats) after one untimed render of the
 * same length (seed 0), so the runtime's allocations and kernel choices for that shape are not
 * counted. Resolves with each render's milliseconds, in order.
 */
export async function renderTimes(model: LoadedModel, curve: number[][], repeats: number): Promise<number[]> {
  await model.render(curve, 0);
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = nowMs();
    await model.render(curve, r + 1);
    times.push(nowMs() - t0);
  }
  return times;
}
