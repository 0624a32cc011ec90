import type { ModelLoadOptions, ModelRuntime } from 'neurorack/sdk';
import { FraveModel } from './frave-model';

export { FraveModel } from './frave-model';
export type { FraveLoadOptions } from './frave-model';

/** The runtime this plugin offers: it loads FRAVE model folders (see plugin.json). */
export interface FraveRuntime extends ModelRuntime {
  readonly id: 'frave';
  /** Loads and verifies a folder into its own worker thread, then warms it up unless `warmUp` is false. */
  load(dir: string, options?: ModelLoadOptions & { checkGolden?: boolean }): Promise<FraveModel>;
}

const runtime: FraveRuntime = {
  id: 'frave',
  async load(dir, options = {}) {
    const model = await FraveModel.load(dir, options);
    try {
      if (options.warmUp !== false) await model.warmUp();
      await model.markLoaded();
    } catch (err) {
      await model.dispose();
      throw err;
    }
    return model;
  },
};

/** One key per offer in plugin.json. */
export const provides: Record<string, FraveRuntime> = { frave: runtime };
