import type { DescriptorMatrix } from './descriptor-matrix';

/**
 * The matrix as one line of JSON with snake_case keys and Python-style separators:
 * `{"sample_rate": 22050, "hop_length": 512, "descriptor_order": [...], "frames": [[7 numbers], ...]}`.
 * Numbers are printed with full (round-trip) precision.
 */
export function descriptorMatrixToJson(matrix: DescriptorMatrix): string {
  const order = matrix.order.map((name) => JSON.stringify(name)).join(', ');
  const rows = matrix.frames.map((row) => '[' + row.map((v) => JSON.stringify(v)).join(', ') + ']').join(', ');
  return `{"sample_rate": ${matrix.sampleRate}, "hop_length": ${matrix.hopLength}, "descriptor_order": [${order}], "frames": [${rows}]}`;
}
