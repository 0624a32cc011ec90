import type { DependencyContainer } from 'tsyringe';
import type { PluginManifest } from './plugin-manifest';

/**
 * What a plugin's entry module gives the host.
 *
 * Obligations:
 * - `provides` has exactly one key per entry of the manifest's `provides` (by id), no more, no less;
 *   the loader checks both directions.
 * - `activate`, when present, runs once when the plugin is first used, with the plugin's own child
 *   container; it registers what the plugin offers there and may resolve host services from it.
 * - Loading the module has no side effects beyond defining these exports.
 */
export interface PluginModule {
  readonly provides: Readonly<Record<string, unknown>>;
  activate?(context: PluginContext): void | Promise<void>;
  deactivate?(): void | Promise<void>;
}

/** Handed to a plugin's `activate`: its manifest, its folder and its own scope of the container. */
export interface PluginContext {
  readonly manifest: PluginManifest;
  readonly dir: string;
  readonly container: DependencyContainer;
}
