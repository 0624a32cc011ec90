import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DependencyContainer } from 'tsyringe';
import { readJsonFile } from '../config/read-json-file';
import { Tokens } from '../container/tokens';
import type { ModelRenderer } from '../engine/model-renderer';
import { paths } from '../paths';
import { findModelRuntime } from './model-runtimes';

/** A model folder found on disk, before loading: where it is and which runtime plays it. */
export interface InstalledModel {
  readonly id: string;
  readonly dir: string;
  readonly runtime: string;
  readonly source: 'builtin' | 'user';
}

/** The user's model folder: $NEURORACK_MODELS_DIR, else ~/.neurorack/models (imports go here). */
export function userModelsDir(): string {
  return process.env['NEURORACK_MODELS_DIR'] ?? join(homedir(), '.neurorack', 'models');
}

/** Every folder holding a manifest.json under the shipped models/ and the user's model folder. */
export function installedModels(): InstalledModel[] {
  const found: InstalledModel[] = [];
  for (const [root, source] of [[paths.models, 'builtin'], [userModelsDir(), 'user']] as const) {
    if (!existsSync(root)) continue;
    for (const name of readdirSync(root).sort()) {
      const manifest = join(root, name, 'manifest.json');
      if (!existsSync(manifest)) continue;
      try {
        const m = readJsonFile(manifest) as { id?: unknown; runtime?: unknown };
        if (typeof m.id === 'string' && typeof m.runtime === 'string') found.push({ id: m.id, dir: join(root, name), runtime: m.runtime, source });
      } catch {
        // an unreadable manifest is reported when that model is loaded, not while listing
      }
    }
  }
  return found;
}

/**
 * Loads an installed model through the plugin that offers its runtime (activated by the same
 * loader as any plugin), verified and warmed up, so the first gate never waits; `booting`: see
 * ModelLoadOptions.booting.
 */
export async function loadModel(c: DependencyContainer, model: InstalledModel, booting = false): Promise<ModelRenderer> {
  const runtime = await findModelRuntime(c.resolve(Tokens.Plugins), model.runtime, { file: join(model.dir, 'manifest.json'), pointer: '/runtime', what: model.id });
  const { intraOpThreads, interOpThreads, renderLanes } = c.resolve(Tokens.Rack).config.model;
  return runtime.load(model.dir, { intraOpThreads, interOpThreads, renderLanes, warmUp: true, booting, schemas: c.resolve(Tokens.Schemas) });
}
