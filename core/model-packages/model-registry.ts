import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fetchLimited } from '../banks/fetch-limited';
import { NeurorackError } from '../errors/neurorack-error';
import { readBounded } from '../files/read-bounded';
import { checkModelIndex, findModelInIndex, type ModelIndex } from './model-index';
import { MODEL_PACKAGE_LIMITS } from './model-package-format';
import { sha256Hex } from './read-model-folder';

/** An index is a list of a few hundred entries: 4 MiB is far beyond any real one. */
const MAX_INDEX_BYTES = 4 * 1024 * 1024;

/** An opened model registry: its checked index. */
export interface ModelRegistry {
  readonly location: string;
  readonly index: ModelIndex;
}

/** Opens a registry from an http(s) URL or a local path to its index.json (or the folder holding it). */
export async function openModelRegistry(registry: string, cwd: string): Promise<ModelRegistry> {
  let location = registry;
  let bytes: Buffer;
  if (/^https?:\/\//i.test(registry)) {
    bytes = await fetchLimited(registry, MAX_INDEX_BYTES);
  } else {
    location = resolve(cwd, registry);
    const st = await fs.stat(location).catch(() => undefined);
    if (!st) throw new NeurorackError('NR_FILE_NOT_FOUND', 'no registry index at this path', { file: location });
    if (st.isDirectory()) location = resolve(location, 'index.json');
    bytes = await readBounded(location, { maxBytes: MAX_INDEX_BYTES, tooLargeCode: 'NR_MODEL_INDEX_INVALID', what: 'registry index' }).catch((err: Error) => {
      if (err instanceof NeurorackError) throw err;
      throw new NeurorackError('NR_FILE_NOT_FOUND', `cannot read the registry index (${err.message})`, { file: location }, { cause: err });
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new NeurorackError('NR_MODEL_INDEX_INVALID', `not JSON (${(err as Error).message})`, { file: location });
  }
  return { location, index: checkModelIndex(doc, location) };
}

/**
 * The .nrmodel bytes of model `id` (its newest version) in `registry`, checked against the sha256
 * and id the index lists before anything else reads them.
 */
export async function fetchFromRegistry(registry: ModelRegistry, id: string, maxBytes: number = MODEL_PACKAGE_LIMITS.maxPackageBytes): Promise<{ bytes: Buffer; from: string }> {
  const entry = findModelInIndex(registry.index, id);
  if (!entry) throw new NeurorackError('NR_MODEL_NOT_FOUND', `the registry lists no model "${id}"; expected one of ${registry.index.models.map((m) => m.id).join(', ') || 'none'}`, { file: registry.location });
  const remote = /^https?:\/\//i.test(registry.location);
  const from = /^https?:\/\//i.test(entry.url) ? entry.url : remote ? new URL(entry.url, registry.location).href : resolve(dirname(registry.location), entry.url);
  const bytes = /^https?:\/\//i.test(from)
    ? await fetchLimited(from, maxBytes)
    : await readBounded(from, { maxBytes, tooLargeCode: 'NR_MODEL_PACKAGE_INVALID', what: 'model package' }).catch((err: Error) => {
      if (err instanceof NeurorackError) throw err;
      throw new NeurorackError('NR_MODEL_NOT_FOUND', `the registry lists a package that cannot be read (${err.message})`, { file: from }, { cause: err });
    });
  const actual = sha256Hex(bytes);
  if (actual !== entry.sha256) throw new NeurorackError('NR_MODEL_HASH_MISMATCH', `the package hashes to ${actual} but the registry lists ${entry.sha256}`, { file: from });
  return { bytes, from };
}
