/** Public surface of model evaluation (descriptor following and spectral distance). */
export { evaluateModel, loadEvalSet, type EvalSound, type ModelScore, type SoundScore } from './evaluate-model';
export { activeFrames, logPairs, scorePairs, ACTIVE_RMS_SHARE, LOG_FLOOR, type DescriptorScore } from './descriptor-agreement';
export { spectralDistanceDb, SPECTRAL_RESOLUTIONS } from './spectral-distance';
export { pearson, median } from './pearson';
