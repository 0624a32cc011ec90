import type { GraphRunner } from './graph-runner';
import { NoiseStream } from './noise-stream';
import { SilentFrameHold } from 'neurorack/sdk';

/**
 * One render of the whole curve: checked, packed descriptors [t*width] and a seed to t*hop samples.
 * Silent frames of `desc` (the caller's copy) are conditioned in place (core/descriptors/silent-frames.ts).
 */
export async function renderOffline(runner: GraphRunner, desc: Float32Array, t: number, seed: number): Promise<Float32Array> {
  new SilentFrameHold(runner.width, runner.neutral).apply(desc, t);
  const n = t * runner.hop;
  const noise = new NoiseStream(seed);
  const phase = new Float32Array(runner.sines);
  noise.drawPhase(phase);
  const harmonic = new Float32Array(n * runner.sines);
  const excitation = new Float32Array(n);
  noise.drawSamples(harmonic, 0, excitation, 0, n, runner.sines);
  return runner.run(desc, t, phase, harmonic, excitation);
}
