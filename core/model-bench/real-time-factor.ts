import type { LoadedModel } from '../sdk/model-runtime';
import { benchCurve, framesFor } from './bench-curve';

/**
 * Real-time factor (compute seconds per audio second) of an offline render of `seconds`, best of
 * `repeats`, through the runtime contract (`render`), so it means the same for every runtime. What
 * is timed is what the host does for a render. One untimed render of the same length runs first, so
 * the runtime's allocations and kernel choices for that shape are not counted.
 */
export async function measureRtf(model: LoadedModel, seconds: number, repeats = 2): Promise<number> {
  const frames = framesFor(model, seconds);
  const curve = benchCurve(model, frames);
  await model.render(curve, 0);
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    await model.render(curve, r + 1);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best / ((frames * model.hop) / model.sampleRate);
}
