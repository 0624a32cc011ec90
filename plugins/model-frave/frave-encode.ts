import * as ort from 'onnxruntime-node';
import type { FraveSizes } from './frave-manifest';
import type { StatefulGraph } from './stateful-graph';

/** Frames per encoder call (state carried between calls). */
const ENCODE_CALL_FRAMES = 64;

/**
 * The posterior-mean latent [frames*dim] of mono audio at the model rate, whole frames of it (a
 * trailing part frame is left out), through the encoder graph from zero state.
 */
export async function encodeAudio(encoder: StatefulGraph, sizes: FraveSizes, audio: Float32Array): Promise<Float32Array> {
  const frames = Math.floor(audio.length / sizes.hop);
  const latent = new Float32Array(frames * sizes.dim);
  let state = encoder.zeroState();
  for (let f = 0; f < frames; f += ENCODE_CALL_FRAMES) {
    const n = Math.min(ENCODE_CALL_FRAMES, frames - f);
    const r = await encoder.run({ audio: new ort.Tensor('float32', audio.slice(f * sizes.hop, (f + n) * sizes.hop), [1, n * sizes.hop]) }, state);
    latent.set(r.outputs['latent']!.data as Float32Array, f * sizes.dim);
    state = r.state;
  }
  return latent;
}
