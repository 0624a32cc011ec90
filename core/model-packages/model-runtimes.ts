import { join } from 'node:path';
import { readJsonFile } from '../config/read-json-file';
import { NeurorackError } from '../errors/neurorack-error';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { LoadedModel, ModelLoadOptions, ModelRuntime } from '../model-runtime/model-runtime';
import { MAX_MANIFEST_BYTES } from '../model-runtime/model-manifest-file';


/**
 * The runtime offered under `runtimeId` by a `model` plugin, activated through the loader as the
 * host activates any plugin. `neededBy` names what asked for it (a manifest file, a command).
 */
export async function findModelRuntime(loader: PluginLoader, runtimeId: string, neededBy: { file?: string; pointer?: string; what: string }): Promise<ModelRuntime> {
  const manifest = loader.findOffer(runtimeId, 'model');
  if (!manifest) {
    const broken = loader.list().find((p) => p.status !== 'ok' && declaresRuntime(p.manifest ?? readQuietly(p.manifestFile), runtimeId));
    if (broken) {
      throw new NeurorackError('NR_PLUGIN_NOT_LOADABLE', `runtime "${runtimeId}" needed by ${neededBy.what} is offered by plugin "${broken.id}", which cannot load: ${broken.error?.describe()}`, { file: neededBy.file, pointer: neededBy.pointer, plugin: broken.id });
    }
    const offered = loader.ofKind('model').flatMap((m) => m.provides.map((p) => p.id));
    throw new NeurorackError('NR_PLUGIN_NOT_FOUND', `no model plugin offers runtime "${runtimeId}" needed by ${neededBy.what}; runtimes offered: ${offered.join(', ') || 'none'}`, { file: neededBy.file, pointer: neededBy.pointer });
  }
  const active = await loader.activate(manifest.id);
  const local = runtimeId.includes('/') ? runtimeId.split('/', 2)[1]! : runtimeId;
  const runtime = active.module.provides[local] as Partial<ModelRuntime> | undefined;
  if (!runtime || typeof runtime.load !== 'function') {
    throw new NeurorackError('NR_PLUGIN_EXPORTS_MISMATCH', `provides["${local}"] of plugin "${manifest.id}" is not a model runtime; expected an object with load(dir, options)`, { file: join(active.dir, 'plugin.json'), pointer: '/provides', plugin: manifest.id });
  }
  return runtime as ModelRuntime;
}

/** Whether a plugin manifest (perhaps one that failed its checks) is a model plugin offering `runtimeId`. */
function declaresRuntime(manifest: unknown, runtimeId: string): boolean {
  const m = manifest as { kind?: unknown; provides?: unknown } | undefined;
  return m?.kind === 'model' && Array.isArray(m.provides) && m.provides.some((o: { id?: unknown } | null) => o?.id === runtimeId);
}

/** A broken plugin's manifest as written, to say which plugin would have offered a runtime; undefined when unreadable. */
function readQuietly(file: string): unknown {
  try {
    return readJsonFile(file, MAX_MANIFEST_BYTES);
  } catch {
    return undefined;
  }
}

/** The runtime id a model folder's manifest names (read without validating the rest: the runtime does that). */
export function runtimeOfModelDir(dir: string): string {
  const file = join(dir, 'manifest.json');
  const m = readJsonFile(file, MAX_MANIFEST_BYTES) as { runtime?: unknown } | null;
  if (!m || typeof m.runtime !== 'string' || !m.runtime) {
    throw new NeurorackError('NR_SCHEMA_INVALID', 'expected "runtime": the id of the model-plugin offer that plays this folder', { file, pointer: '/runtime' });
  }
  return m.runtime;
}

/** Loads a model folder through the plugin that offers the runtime its manifest names. */
export async function loadModelFolder(loader: PluginLoader, dir: string, options: ModelLoadOptions = {}, what: string = dir): Promise<LoadedModel> {
  const runtimeId = runtimeOfModelDir(dir);
  const runtime = await findModelRuntime(loader, runtimeId, { file: join(dir, 'manifest.json'), pointer: '/runtime', what });
  return runtime.load(dir, options);
}
