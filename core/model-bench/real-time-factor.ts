import type { LoadedModel } from '../model-runtime/model-runtime';
import { benchCurve, framesFor } from './bench-curve';
import { renderTimes } from './render-times';

/**
 * Real-time factor (compute seconds per audio second) of an offline render of `seconds`, best of
 * `repeats`, through the runtime contract (`render`), so it means the same for every runtime. What
 * is timed is what the host does for a render; one untimed render of the same length runs first.
 */
export async function measureRtf(model: LoadedModel, seconds: number, repeats = 2): Promise<number> {
  const frames = framesFor(model, seconds);
  const best = Math.min(...(await renderTimes(model, benchCurve(model, frames), repeats)));
  return best / 1000 / ((frames * model.hop) / model.sampleRate);
}
