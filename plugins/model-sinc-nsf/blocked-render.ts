import type { GraphRunner } from './graph-runner';
import { renderOffline } from './offline-render';
import { StreamRenderer } from './stream-renderer';

/**
 * The longest curve rendered in one pass of the graph. The runtime holds about 0.45 MB per frame
 * of a pass (and keeps the largest pass's memory for the next), so a longer curve is rendered in
 * blocks of this many frames, each over its receptive field, as streams are: the same samples
 * within 1e-4, at most (ONE_PASS_FRAMES + the field) frames in memory at a time whatever the
 * curve's length.
 */
export const ONE_PASS_FRAMES = 128;

/**
 * An offline render with bounded memory: packed, checked descriptors [t*width] and a seed to t*hop
 * samples; one pass up to ONE_PASS_FRAMES frames, blocks beyond. `desc` is the caller's copy.
 */
export async function renderBounded(runner: GraphRunner, desc: Float32Array, t: number, seed: number): Promise<Float32Array> {
  if (t <= ONE_PASS_FRAMES) return renderOffline(runner, desc, t, seed);
  const out = new Float32Array(t * runner.hop);
  const stream = new StreamRenderer(runner, seed, { blockFrames: ONE_PASS_FRAMES });
  stream.pushPacked(desc, t);
  stream.end();
  for (let written = 0; written < out.length;) {
    const n = await stream.pullInto(out, written);
    if (n === 0) break;
    written += n;
  }
  return out;
}
