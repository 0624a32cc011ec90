import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NeurorackError } from '../errors/neurorack-error';
import { loadModelFolder } from './model-runtimes';
import { checkWithRuntime } from './runtime-check';
import type { PluginLoader } from '../plugins/plugin-loader';
import { readModelPackage, writeModelFiles } from './install-model';
import { readModelFolder } from './read-model-folder';
import { unpackModel } from './unpack-model';

/** What `model validate` found: the model, its runtime and the files checked. */
export interface ModelValidation {
  readonly id: string;
  readonly runtime: string;
  readonly files: readonly string[];
}

/**
 * Checks a model folder or a .nrmodel file as install would, writing nothing where it is: paths and
 * every file's size and sha256 against the manifest (for a package, against the envelope too),
 * then a load by its runtime plugin (present, loadable on this host, and its own checks: schema,
 * golden vector). A package is unpacked into a temporary folder, removed afterwards.
 */
export async function validateModel(path: string, loader: PluginLoader, cwd: string): Promise<ModelValidation> {
  const full = resolve(cwd, path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new NeurorackError('NR_FILE_NOT_FOUND', 'expected a model folder or a .nrmodel file', { file: full });
  }
  if (stat.isDirectory()) {
    const { manifest, files } = readModelFolder(full);
    await (await loadModelFolder(loader, full, { warmUp: false })).dispose();
    return { id: manifest.id, runtime: manifest.runtime, files: files.map((f) => f.path) };
  }
  const { bytes, from } = await readModelPackage(full, cwd);
  const model = unpackModel(bytes, from);
  const scratch = mkdtempSync(join(tmpdir(), 'nr-model-validate-'));
  try {
    writeModelFiles(join(scratch, model.manifest.id), model);
    await checkWithRuntime(loader, join(scratch, model.manifest.id), from);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { id: model.manifest.id, runtime: model.manifest.runtime, files: [...model.files.keys()] };
}
