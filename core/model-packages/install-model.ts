import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fetchLimited } from '../banks/fetch-limited';
import { NeurorackError } from '../errors/neurorack-error';
import { readBoundedSync } from '../files/read-bounded';
import { installedModels } from './installed-models';
import type { PluginLoader } from '../plugins/plugin-loader';
import { MODEL_PACKAGE_LIMITS } from './model-package-format';
import { fetchFromRegistry, openModelRegistry } from './model-registry';
import { checkWithRuntime } from './runtime-check';
import { unpackModel, type UnpackedModel } from './unpack-model';

export interface ModelInstallOptions {
  /** The user's model folder; the model goes to `dir`/<id>. */
  readonly dir: string;
  /** The plugins whose runtimes verify the model (its runtime must be among them). */
  readonly loader: PluginLoader;
  /** Replace an installed model with the same id. */
  readonly force?: boolean;
  readonly cwd?: string;
  readonly maxBytes?: number;
  /** A registry index (URL or path): `source` is then a model id. */
  readonly registry?: string;
}

/** A .nrmodel from a path or an http(s) URL, read with the package size limit. */
export async function readModelPackage(source: string, cwd: string, maxBytes: number = MODEL_PACKAGE_LIMITS.maxPackageBytes): Promise<{ bytes: Buffer; from: string }> {
  if (/^https?:\/\//i.test(source)) return { bytes: await fetchLimited(source, maxBytes), from: source };
  const from = resolve(cwd, source);
  if (!existsSync(from)) throw new NeurorackError('NR_FILE_NOT_FOUND', 'expected a .nrmodel file made by `neurorack model pack`', { file: from });
  return { bytes: readBoundedSync(from, { maxBytes, tooLargeCode: 'NR_MODEL_PACKAGE_INVALID', what: 'model package' }), from };
}

/** Writes an unpacked model's files under `dir` (a fresh folder). */
export function writeModelFiles(dir: string, model: UnpackedModel): void {
  for (const [path, bytes] of model.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes, { flag: 'wx' });
  }
}

/**
 * Installs a package from a path, an http(s) URL or (with `registry`) a registry by id.
 * Verifies a model package in a staging folder beside its destination and renames it into place:
 * the package checks (unpackModel), then its runtime plugin loads it (schema, hashes, golden
 * vector: whatever that runtime verifies). Refused before anything is written: an id already
 * installed (NR_MODEL_EXISTS, unless `force`), a damaged or oversized package, an unsafe path.
 * Refused after staging, which is then removed: a runtime that is not installed or not loadable, a
 * model its runtime rejects. With `force` the old folder is replaced only once the new one passed.
 */
export async function installModel(source: string, opts: ModelInstallOptions): Promise<{ id: string; runtime: string; dir: string; from: string }> {
  const cwd = opts.cwd ?? process.cwd();
  const { bytes, from } = opts.registry
    ? await fetchFromRegistry(await openModelRegistry(opts.registry, cwd), source, opts.maxBytes)
    : await readModelPackage(source, cwd, opts.maxBytes);
  const model = unpackModel(bytes, from, opts.maxBytes ? { maxPackageBytes: opts.maxBytes } : {});
  const { id, runtime } = model.manifest;
  if (opts.registry && id !== source) throw new NeurorackError('NR_MODEL_PACKAGE_INVALID', `the registry lists this package as "${source}" but it holds "${id}"`, { file: from, pointer: '/id' });
  const target = join(opts.dir, id);
  const shipped = installedModels().find((m) => m.id === id && m.source === 'builtin');
  if (shipped) throw new NeurorackError('NR_MODEL_EXISTS', `"${id}" is a model shipped with the host (${shipped.dir}); expected another id`, { file: from, pointer: '/id' });
  if (existsSync(target) && !opts.force) {
    throw new NeurorackError('NR_MODEL_EXISTS', `a model "${id}" is already installed; expected a new id, or --force to replace it`, { file: target });
  }
  mkdirSync(opts.dir, { recursive: true });
  const staging = join(opts.dir, `.${id}.installing-${process.pid}`);
  const old = join(opts.dir, `.${id}.replaced-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    writeModelFiles(staging, model);
    await checkWithRuntime(opts.loader, staging, from);
    if (existsSync(target)) renameSync(target, old);
    renameSync(staging, target);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(old) && !existsSync(target)) renameSync(old, target);
    throw err;
  }
  rmSync(old, { recursive: true, force: true });
  return { id, runtime, dir: target, from };
}
