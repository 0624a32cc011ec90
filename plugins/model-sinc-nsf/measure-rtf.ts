import type { SincNsfModel } from './sinc-nsf-model';

/**
 * Real-time factor (compute seconds per audio second) of an offline render of `seconds`, best of
 * `repeats`. What is timed is what the host does for a render: packing the descriptors, drawing the
 * seeded noise inputs and running the graph. One untimed render of the same length runs first, so
 * the runtime's allocations and kernel choices for that shape are not counted.
 */
export async function measureRtf(model: SincNsfModel, seconds: number, repeats = 2): Promise<number> {
  const frames = Math.max(1, Math.round((seconds * model.sampleRate) / model.hop));
  const row = model.manifest.normalisation.mean.slice(0, model.width);
  const curve = Array.from({ length: frames }, (_, i) => row.map((v, k) => (k === row.length - 1 ? 60 + (i % 40) : v)));
  await model.render(curve, 0);
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    await model.render(curve, r + 1);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best / ((frames * model.hop) / model.sampleRate);
}
