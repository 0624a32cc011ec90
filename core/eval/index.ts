/** Public surface of model evaluation (descriptor following and spectral distance). */
export { evaluateModel, loadEvalSet, type EvalSound, type ModelScore, type OnSoundScored, type SoundScore } from './evaluate-model';
export { drawEvalPlot, PLOT_COLOURS, PLOT_DESCRIPTORS, type PlotSeries } from './eval-plot';
export { activeFrames, logPairs, scorePairs, ACTIVE_RMS_SHARE, LOG_FLOOR, type DescriptorScore } from './descriptor-agreement';
export { spectralDistanceDb, SPECTRAL_RESOLUTIONS } from './spectral-distance';
export { pearson, median } from './pearson';
