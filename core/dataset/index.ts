/** Public surface of the training-dataset builder. */
export { buildDataset, type BuildDatasetOptions } from './build-dataset';
export { DATASET_MANIFEST, type DatasetItem, type DatasetManifest, type DescriptorStats } from './dataset-manifest';
export { makeOneShot, ONE_SHOT_RULE } from './one-shot-rule';
export { hashSamples, splitForHash, type DatasetSplit } from './item-split';
export { encodeNpyFloat32, decodeNpyFloat32 } from './npy';
