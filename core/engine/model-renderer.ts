/**
 * What the engine needs from a model: an offline render of a descriptor curve. The model plugin
 * (plugins/model-sinc-nsf) satisfies it through an adapter; tests use the additive renderer.
 *
 * Obligations:
 * - `render(frames, seed)` resolves with `frames.length * hop` samples at `sampleRate` (22050 Hz),
 *   finite, roughly within [-1, 1]; the same frames and seed give the same samples.
 * - It may run on another thread but must not block the caller's event loop for long.
 * - It rejects (never resolves with garbage) when it cannot render.
 */
export interface ModelRenderer {
  readonly id: string;
  readonly sampleRate: number;
  readonly hop: number;
  render(frames: number[][], seed: number): Promise<Float32Array>;
}
