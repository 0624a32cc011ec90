import { join } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { readBoundedSync } from '../files/read-bounded';
import { sha256 } from '../files/sha256';
import type { ModelManifest } from '../generated/model-manifest';

/**
 * A file a model manifest lists (`files[]` of the generated ModelManifest), as far as reading and
 * checking it goes. The role is optional here: packaging reads a manifest's files before any schema
 * check fills in its default.
 */
export type ListedFile = Readonly<Pick<ModelManifest['files'][number], 'path' | 'sha256' | 'bytes'> & Partial<Pick<ModelManifest['files'][number], 'role'>>>;

/**
 * Reads every file the manifest lists and checks its size and sha256; returns the bytes by path so
 * a runtime builds its sessions from exactly what was checked.
 */
export function readVerifiedFiles(dir: string, manifest: { readonly files: readonly ListedFile[] }): Map<string, Buffer> {
  return new Map(manifest.files.map((f, i) => [f.path, readVerifiedFile(dir, f, i)]));
}

/**
 * One listed file (`files[index]` of the manifest), read with its declared size as the limit and
 * checked against its sha256: a missing file is NR_FILE_NOT_FOUND, another size or hash
 * NR_MODEL_HASH_MISMATCH, each naming the file and `/files/<index>`.
 */
export function readVerifiedFile(dir: string, f: ListedFile, index: number): Buffer {
  const file = join(dir, f.path);
  let bytes: Buffer;
  try {
    // Never more than the declared size is read: a symlink to /dev/zero cannot fill memory.
    bytes = readBoundedSync(file, { maxBytes: f.bytes, tooLargeCode: 'NR_MODEL_HASH_MISMATCH', what: 'model file', pointer: `/files/${index}` });
  } catch (err) {
    if (err instanceof NeurorackError) throw err;
    throw new NeurorackError('NR_FILE_NOT_FOUND', `the manifest lists ${f.path}, which is missing`, { file, pointer: `/files/${index}/path` });
  }
  const sha = sha256().update(bytes).digest('hex');
  if (bytes.length !== f.bytes || sha !== f.sha256) {
    throw new NeurorackError('NR_MODEL_HASH_MISMATCH', `expected ${f.bytes} bytes with sha256 ${f.sha256}, found ${bytes.length} bytes with sha256 ${sha}`, { file, pointer: `/files/${index}` });
  }
  return bytes;
}
