import { gzipSync } from 'node:zlib';
import { NeurorackError } from '../errors/neurorack-error';
import { MODEL_PACKAGE_FORMAT, MODEL_PACKAGE_FORMAT_VERSION, MODEL_PACKAGE_LIMITS, type ModelPackageEnvelope } from './model-package-format';
import { readModelFolder, sha256Hex } from './read-model-folder';

/**
 * Packs a model folder into .nrmodel bytes: its manifest.json and every file the manifest lists,
 * each checked against its declared size and sha256 first (a folder that does not match its
 * manifest is never packed). Files the manifest does not list (a README, plots) are left out.
 * Deterministic: the same folder gives the same bytes.
 */
export function packModel(dir: string): Buffer {
  const { manifest, files } = readModelFolder(dir);
  const envelope: ModelPackageEnvelope = {
    format: MODEL_PACKAGE_FORMAT,
    formatVersion: MODEL_PACKAGE_FORMAT_VERSION,
    id: manifest.id,
    runtime: manifest.runtime,
    files: files.map((f) => ({ path: f.path, bytes: f.bytes.length, sha256: sha256Hex(f.bytes), data: f.bytes.toString('base64') })),
  };
  const packed = gzipSync(Buffer.from(JSON.stringify(envelope), 'utf8'), { level: 9 });
  if (packed.length > MODEL_PACKAGE_LIMITS.maxPackageBytes) {
    throw new NeurorackError('NR_MODEL_PACKAGE_INVALID', `the package would be ${packed.length} bytes; the limit is ${MODEL_PACKAGE_LIMITS.maxPackageBytes}`, { file: dir });
  }
  return packed;
}
