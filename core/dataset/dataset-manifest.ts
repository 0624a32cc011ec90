import type { DatasetSplit } from './item-split';
import type { ONE_SHOT_RULE } from './one-shot-rule';

/** File name of a dataset's manifest inside its folder. */
export const DATASET_MANIFEST = 'dataset.json';

/** One one-shot of a dataset: its audio and the host extractor's descriptors, as .npy files. */
export interface DatasetItem {
  /** First 16 hex digits of `hash`; names the item's files. */
  id: string;
  /** sha256 of the processed float32 samples. */
  hash: string;
  /** Where it came from: `synth:<category>:<seed>` or the source file's path. */
  source: string;
  split: DatasetSplit;
  samples: number;
  durationS: number;
  /** Descriptor frames: floor(samples / 512). */
  frames: number;
  /** Relative paths: float32 [samples] and float32 [frames, 7] (order `descriptorOrder`). */
  audio: string;
  descriptors: string;
}

/** Per-descriptor statistics over the training items' frames (for the model's input normalisation). */
export interface DescriptorStats {
  mean: number[];
  std: number[];
  min: number[];
  max: number[];
  frames: number;
}

/** `dataset.json`: everything the training code needs to find and trust the items. */
export interface DatasetManifest {
  format: 'neurorack-dataset';
  version: 1;
  sampleRate: 22050;
  hopLength: 512;
  descriptorOrder: readonly string[];
  /** The trimming and normalisation rule applied to every item. */
  oneShotRule: typeof ONE_SHOT_RULE;
  validationPermille: number;
  sources: { synth?: { count: number; seed: number }; folders: string[] };
  items: DatasetItem[];
  /** Inputs refused, with the reason; never fatal on their own. */
  skipped: { file: string; reason: string }[];
  stats: DescriptorStats;
  totals: { items: number; train: number; validation: number; durationS: number };
}
