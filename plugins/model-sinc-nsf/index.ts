import { SincNsfModel, type LoadOptions } from './sinc-nsf-model';

export { SincNsfModel } from './sinc-nsf-model';
export type { LoadOptions } from './sinc-nsf-model';
export { ModelStream } from './model-stream';
export { StreamRenderer } from './stream-renderer';
export type { StreamOptions } from './stream-renderer';
export type { GraphRunner, ModelSizes } from './graph-runner';
export { NoiseStream } from './noise-stream';

/** The runtime this plugin offers: it loads sinc-NSF model folders (see plugin.json). */
export interface SincNsfRuntime {
  readonly id: 'sinc-nsf';
  /**
   * Loads and verifies a model folder into its own worker thread, then warms it up so the first
   * gate never waits. The model's `dispose()` ends the worker.
   */
  load(dir: string, options?: LoadOptions & { warmUp?: boolean }): Promise<SincNsfModel>;
}

const runtime: SincNsfRuntime = {
  id: 'sinc-nsf',
  async load(dir, options = {}) {
    const model = await SincNsfModel.load(dir, options);
    if (options.warmUp !== false) await model.warmUp();
    return model;
  },
};

/** One key per offer in plugin.json. */
export const provides: Record<string, SincNsfRuntime> = { 'sinc-nsf': runtime };
