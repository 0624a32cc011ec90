import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { readBoundedSync } from '../files/read-bounded';
import { readVerifiedFile } from '../model-runtime/verified-files';
import { assertSafeModelPath } from './model-file-path';
import { MODEL_MANIFEST_FILE, MODEL_PACKAGE_LIMITS, type PackagedManifest } from './model-package-format';

/** A model folder's manifest and the bytes of every file it lists, each checked against its declared size and sha256. */
export interface ModelFolderFiles {
  readonly manifest: PackagedManifest;
  /** manifest.json first, then the listed files in the manifest's order. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: Buffer }>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads `dir/manifest.json` and the files it lists (never more bytes than declared), refusing a
 * manifest without an id or runtime (NR_SCHEMA_INVALID), an unsafe path (NR_MODEL_PATH_UNSAFE)
 * and a file whose size or sha256 differs (NR_MODEL_HASH_MISMATCH).
 */
export function readModelFolder(dir: string): ModelFolderFiles {
  const manifestFile = join(dir, MODEL_MANIFEST_FILE);
  let manifestBytes: Buffer;
  try {
    manifestBytes = readBoundedSync(manifestFile, { maxBytes: 1024 * 1024, tooLargeCode: 'NR_JSON_MALFORMED', what: 'model manifest' });
  } catch (err) {
    if (err instanceof NeurorackError) throw err;
    throw new NeurorackError('NR_FILE_NOT_FOUND', 'expected a model folder with a manifest.json', { file: manifestFile });
  }
  let manifest: PackagedManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as PackagedManifest;
  } catch (err) {
    throw new NeurorackError('NR_JSON_MALFORMED', `manifest.json is not JSON: ${(err as Error).message}`, { file: manifestFile });
  }
  if (!manifest || typeof manifest.id !== 'string' || !/^[a-z0-9][a-z0-9.-]{0,62}$/.test(manifest.id)) {
    throw new NeurorackError('NR_SCHEMA_INVALID', 'expected "id": a model id (lower-case letters, digits, . and -)', { file: manifestFile, pointer: '/id' });
  }
  if (typeof manifest.runtime !== 'string' || !manifest.runtime) {
    throw new NeurorackError('NR_SCHEMA_INVALID', 'expected "runtime": the id of the model-plugin offer that plays this folder', { file: manifestFile, pointer: '/runtime' });
  }
  const listed = manifest.files ?? [];
  if (!Array.isArray(listed) || listed.length + 1 > MODEL_PACKAGE_LIMITS.maxFiles) {
    throw new NeurorackError('NR_SCHEMA_INVALID', `expected "files" to list at most ${MODEL_PACKAGE_LIMITS.maxFiles - 1} files`, { file: manifestFile, pointer: '/files' });
  }
  const files = [{ path: MODEL_MANIFEST_FILE, bytes: manifestBytes }];
  listed.forEach((f, i) => {
    assertSafeModelPath(f?.path, { file: manifestFile, pointer: `/files/${i}/path` });
    if (!Number.isInteger(f.bytes) || f.bytes < 0 || typeof f.sha256 !== 'string') {
      throw new NeurorackError('NR_SCHEMA_INVALID', 'expected "bytes" (a whole number) and "sha256" (hex) for each listed file', { file: manifestFile, pointer: `/files/${i}` });
    }
    if (f.path === MODEL_MANIFEST_FILE || files.some((x) => x.path === f.path)) {
      throw new NeurorackError('NR_SCHEMA_INVALID', `"${f.path}" is listed twice (or is the manifest); expected each file once`, { file: manifestFile, pointer: `/files/${i}/path` });
    }
    const bytes = readVerifiedFile(dir, f, i);
    files.push({ path: f.path, bytes });
  });
  return { manifest, files };
}
