import { NeurorackError } from '../errors/neurorack-error';

/**
 * NumPy .npy (format 1.0) encoding of little-endian float32 arrays, so the Python training code
 * reads the host's audio and descriptors with `np.load` and never recomputes them.
 */
export function encodeNpyFloat32(data: Float32Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new RangeError(`npy shape ${shape.join('x')} does not hold ${data.length} values`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  // magic(6) + version(2) + header length(2) + header, padded with spaces to a multiple of 64, ending in \n
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const body = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) body.setFloat32(i * 4, data[i], true);
  return out;
}

/** Reads a float32 little-endian C-order .npy written by encodeNpyFloat32 (or NumPy). */
export function decodeNpyFloat32(bytes: Uint8Array, nameForErrors: string): { data: Float32Array; shape: number[] } {
  const bad = (why: string) => new NeurorackError('NR_DATASET_INVALID', `is not a float32 .npy array (${why})`, { file: nameForErrors });
  if (bytes.length < 10 || bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY') throw bad('no NUMPY magic');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = String.fromCharCode(...bytes.subarray(start, start + headerLen));
  if (!/'descr':\s*'<f4'/.test(header)) throw bad('dtype is not <f4');
  if (/'fortran_order':\s*True/.test(header)) throw bad('Fortran order');
  const m = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!m) throw bad('no shape');
  const shape = m[1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLen;
  if (bytes.length - offset < count * 4) throw bad('truncated');
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = view.getFloat32(offset + i * 4, true);
  return { data, shape };
}
