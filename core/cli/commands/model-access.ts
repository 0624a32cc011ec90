import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildContainer } from '../../container/build-container';
import { Tokens } from '../../container/tokens';
import { NeurorackError } from '../../errors/neurorack-error';
import { installedModels, userModelsDir } from '../../model-packages/installed-models';
import { findModelRuntime, loadModelFolder } from '../../model-packages/model-runtimes';
import { paths } from '../../paths';
import type { PluginLoader } from '../../plugins/plugin-loader';
import type { LoadedModel, ModelRuntime } from '../../model-runtime/model-runtime';
import { rackSourceFrom } from './rack-options';

/** A model folder path, or the id of an installed model (shipped under models/, or in the user's model folder). */
export function resolveModelDir(cwd: string, model: string): string {
  const asPath = resolve(cwd, model);
  if (existsSync(join(asPath, 'manifest.json'))) return asPath;
  const asId = join(paths.models, model);
  if (existsSync(join(asId, 'manifest.json'))) return asId;
  const installed = installedModels().find((m) => m.id === model);
  if (installed) return installed.dir;
  throw new NeurorackError('NR_FILE_NOT_FOUND', `expected a model folder or the id of a model installed under ${paths.models} or ${userModelsDir()}, found neither for '${model}'`, { file: asPath });
}

/**
 * The plugins of the rack a model command runs on (default profile `virtual`): the CLI reaches
 * model runtimes through the loader, as the host does, so any installed runtime plugin works.
 */
export function modelPlugins(opts: { profile?: string; rack?: string } = {}): PluginLoader {
  return buildContainer(rackSourceFrom(opts)).resolve(Tokens.Plugins);
}

/** Loads a model folder through its runtime's plugin, not warmed up (commands time or render at once). */
export function loadModelForCommand(dir: string, threads: number, loader: PluginLoader = modelPlugins()): Promise<LoadedModel> {
  return loadModelFolder(loader, dir, { intraOpThreads: threads, warmUp: false });
}

/** The checkpoint import of the runtime offered under `runtimeId`; a runtime without one is refused. */
export async function checkpointImporter(runtimeId: string, command: string, loader: PluginLoader = modelPlugins()): Promise<NonNullable<ModelRuntime['importCheckpoint']>> {
  const runtime = await findModelRuntime(loader, runtimeId, { what: `\`neurorack ${command}\`` });
  if (typeof runtime.importCheckpoint !== 'function') {
    throw new NeurorackError('NR_PLUGIN_EXPORTS_MISMATCH', `runtime "${runtimeId}" offers no importCheckpoint(checkpoint, options); \`neurorack ${command}\` needs it`);
  }
  return (checkpoint, options) => runtime.importCheckpoint!(checkpoint, options);
}
