import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as semver from 'semver';
import { isAllowedUrl } from '../banks/bank-index';
import { NeurorackError } from '../errors/neurorack-error';
import { readBounded } from '../files/read-bounded';
import { MODEL_PACKAGE_LIMITS } from './model-package-format';
import { sha256Hex } from './read-model-folder';
import { unpackModel } from './unpack-model';

export const MODEL_INDEX_FORMAT = 'neurorack-model-index';
export const MODEL_INDEX_FORMAT_VERSION = 1;

/** One packed model in a registry. `sha256` is of the .nrmodel file's bytes. */
export interface ModelIndexEntry {
  id: string;
  name: string;
  version: string;
  runtime: string;
  author: string;
  licence: string;
  description: string;
  sha256: string;
  size: number;
  /** Absolute http(s) URL, or a path relative to the index (no `..`, no leading `/`). */
  url: string;
}

/** A model registry index (index.json): what `model search` and `model install ID --registry` read. */
export interface ModelIndex {
  format: typeof MODEL_INDEX_FORMAT;
  formatVersion: typeof MODEL_INDEX_FORMAT_VERSION;
  models: ModelIndexEntry[];
}

/**
 * Indexes every .nrmodel in `dir` (each unpacked and checked first). URLs are the file names,
 * relative to the index, or `baseUrl` + file name. Sorted by id, then version.
 */
export async function buildModelIndex(dir: string, opts: { baseUrl?: string } = {}): Promise<ModelIndex> {
  const st = await fs.stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) throw new NeurorackError('NR_FILE_NOT_FOUND', 'expected a folder of .nrmodel files', { file: dir });
  const models: ModelIndexEntry[] = [];
  for (const name of (await fs.readdir(dir)).filter((n) => n.endsWith('.nrmodel')).sort()) {
    const bytes = await readBounded(join(dir, name), { maxBytes: MODEL_PACKAGE_LIMITS.maxPackageBytes, tooLargeCode: 'NR_MODEL_PACKAGE_INVALID', what: 'model package' });
    const { manifest: m } = unpackModel(bytes, join(dir, name));
    const version = semver.valid(m.version ?? '') ? m.version! : '0.0.0';
    models.push({
      id: m.id, name: m.name ?? m.id, version, runtime: m.runtime, author: m.author ?? '', licence: m.licence ?? '', description: m.description ?? '',
      sha256: sha256Hex(bytes), size: bytes.length,
      url: opts.baseUrl ? new URL(encodeURIComponent(name), opts.baseUrl.endsWith('/') ? opts.baseUrl : opts.baseUrl + '/').href : name,
    });
  }
  models.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : semver.compare(a.version, b.version)));
  return { format: MODEL_INDEX_FORMAT, formatVersion: MODEL_INDEX_FORMAT_VERSION, models };
}

/** Checks a model registry index received from anywhere; throws NR_MODEL_INDEX_INVALID naming `file` and pointer. */
export function checkModelIndex(doc: unknown, file: string): ModelIndex {
  const fail = (pointer: string, msg: string): never => {
    throw new NeurorackError('NR_MODEL_INDEX_INVALID', msg, { file, pointer });
  };
  const index = doc as Partial<ModelIndex> | null;
  if (index === null || typeof index !== 'object') return fail('/', 'expected a JSON object');
  if (index.format !== MODEL_INDEX_FORMAT) fail('/format', `expected "${MODEL_INDEX_FORMAT}"`);
  if (index.formatVersion !== MODEL_INDEX_FORMAT_VERSION) fail('/formatVersion', `expected ${MODEL_INDEX_FORMAT_VERSION}`);
  if (!Array.isArray(index.models)) return fail('/models', 'expected an array');
  index.models.forEach((m: Partial<ModelIndexEntry> | null, i) => {
    const at = `/models/${i}`;
    if (m === null || typeof m !== 'object') return fail(at, 'expected an object');
    for (const key of ['id', 'name', 'version', 'runtime', 'sha256', 'url'] as const) {
      if (typeof m[key] !== 'string') fail(`${at}/${key}`, 'expected a string');
    }
    if (!/^[a-z0-9][a-z0-9.-]{0,62}$/.test(m.id!)) fail(`${at}/id`, 'expected a model id');
    if (!semver.valid(m.version!)) fail(`${at}/version`, 'expected a semver version');
    if (!/^[0-9a-f]{64}$/.test(m.sha256!)) fail(`${at}/sha256`, 'expected 64 hex digits');
    if (!isAllowedUrl(m.url!)) fail(`${at}/url`, 'expected an http(s) URL or a relative path without ".." segments');
    for (const key of ['author', 'licence', 'description'] as const) if (typeof m[key] !== 'string') m[key] = '';
    if (typeof m.size !== 'number') m.size = 0;
  });
  return index as ModelIndex;
}

/** Models whose id, name, runtime, author or description contains `term` (case-insensitive). */
export function searchModelIndex(index: ModelIndex, term: string): ModelIndexEntry[] {
  const t = term.toLowerCase();
  return index.models.filter((m) => [m.id, m.name, m.runtime, m.author, m.description].some((s) => s.toLowerCase().includes(t)));
}

/** The newest version of model `id` in the index, or undefined. */
export function findModelInIndex(index: ModelIndex, id: string): ModelIndexEntry | undefined {
  return index.models.filter((m) => m.id === id).sort((a, b) => semver.rcompare(a.version, b.version))[0];
}
