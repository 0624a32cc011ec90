/** Public surface of the descriptor extractor (host, bank tools and training all use this). */
export {
  DESCRIPTOR_HOP_LENGTH,
  DESCRIPTOR_ORDER,
  DESCRIPTOR_SAMPLE_RATE,
  DESCRIPTOR_UNITS,
  type DescriptorMatrix,
  type DescriptorName,
} from './descriptor-matrix';
export { extractDescriptors } from './extract';
export { extractDescriptorsAtRate, extractDescriptorsFromFile } from './extract-from-file';
export { SilentFrameHold, SILENT_RMS } from './silent-frames';
