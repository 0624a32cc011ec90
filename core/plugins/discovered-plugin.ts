import type { NeurorackError } from '../errors/neurorack-error';
import type { PluginManifest } from './plugin-manifest';

/** Where a plugin was found: the host's own, a rack's pluginDirs, or an npm package. */
export type PluginSource = 'builtin' | 'rack' | 'npm';

/**
 * One plugin folder as discovery left it: a valid manifest (status ok) or the first problem
 * (status error). A broken plugin never stops the others from loading.
 */
export interface DiscoveredPlugin {
  readonly dir: string;
  readonly manifestFile: string;
  readonly source: PluginSource;
  /** The manifest's id, or the folder name when the manifest could not be read. */
  readonly id: string;
  readonly manifest?: PluginManifest;
  status: 'ok' | 'error';
  error?: NeurorackError;
}
