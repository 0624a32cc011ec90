import { existsSync, realpathSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import * as semver from 'semver';
import { readJsonFile } from '../config/read-json-file';
import { asNeurorackError, NeurorackError } from '../errors/neurorack-error';
import { SchemaIds, type SchemaRegistry } from '../schemas/schema-registry';
import type { DiscoveredPlugin, PluginSource } from './discovered-plugin';
import { MANIFEST_FILE, type PluginManifest } from './plugin-manifest';

const KINDS = ['model', 'cv-mapping', 'screen-page'];
/** A plugin.json declares a few ids and ranges: 1 MiB is far beyond any real one. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

/**
 * Reads and checks one plugin folder without loading its code: the manifest parses, matches the
 * schema, has a known kind, accepts this host version, and its entry file exists inside the folder.
 */
export function readPluginDir(dir: string, source: PluginSource, registry: SchemaRegistry, hostVersion: string): DiscoveredPlugin {
  const manifestFile = join(dir, MANIFEST_FILE);
  const base = { dir, manifestFile, source };
  try {
    const manifest = checkManifest(dir, manifestFile, registry, hostVersion);
    return { ...base, id: manifest.id, manifest, status: 'ok' };
  } catch (err) {
    return { ...base, id: idGuess(manifestFile) ?? basename(dir), status: 'error', error: asNeurorackError(err, 'NR_PLUGIN_MANIFEST_INVALID', { file: manifestFile }) };
  }
}

function checkManifest(dir: string, manifestFile: string, registry: SchemaRegistry, hostVersion: string): PluginManifest {
  if (!existsSync(manifestFile)) {
    throw new NeurorackError('NR_PLUGIN_MANIFEST_MISSING', `expected a ${MANIFEST_FILE} in the plugin folder`, { file: manifestFile });
  }
  const raw = readJsonFile(manifestFile, MAX_MANIFEST_BYTES);
  const kind = (raw as { kind?: unknown } | null)?.kind;
  if (raw && typeof raw === 'object' && typeof kind === 'string' && !KINDS.includes(kind)) {
    throw new NeurorackError('NR_PLUGIN_KIND_UNKNOWN', `unknown kind "${kind}"; expected one of ${KINDS.join(', ')}`, { file: manifestFile, pointer: '/kind' });
  }
  let manifest: PluginManifest;
  try {
    manifest = registry.validate<PluginManifest>(SchemaIds.pluginManifest, raw, manifestFile);
  } catch (err) {
    throw retag(err, 'NR_PLUGIN_MANIFEST_INVALID');
  }
  if (!semver.satisfies(hostVersion, manifest.host, { includePrerelease: true })) {
    throw new NeurorackError('NR_PLUGIN_HOST_INCOMPATIBLE', `plugin needs host ${manifest.host}; this host is ${hostVersion}`, { file: manifestFile, pointer: '/host' });
  }
  const ids = manifest.provides.map((p) => p.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) throw new NeurorackError('NR_PLUGIN_MANIFEST_INVALID', `"${dup}" is provided twice; expected unique ids`, { file: manifestFile, pointer: `/provides/${ids.lastIndexOf(dup)}/id` });
  const entry = resolve(dir, manifest.entry);
  if (!entry.startsWith(resolve(dir) + '/')) {
    throw new NeurorackError('NR_PLUGIN_MANIFEST_INVALID', `entry must stay inside the plugin folder`, { file: manifestFile, pointer: '/entry' });
  }
  if (!existsSync(entry)) {
    throw new NeurorackError('NR_PLUGIN_ENTRY_MISSING', `entry file ${manifest.entry} does not exist (expected ${entry})${sourceHint(entry)}`, { file: manifestFile, pointer: '/entry' });
  }
  assertEntryInside(dir, entry, manifestFile);
  return manifest;
}

/**
 * The entry as the filesystem resolves it (every symlink followed) must lie inside the plugin
 * folder as it resolves: a link to a file elsewhere would load code the folder does not hold.
 */
export function assertEntryInside(dir: string, entry: string, manifestFile: string): void {
  const realDir = realpathSync(dir);
  const realEntry = realpathSync(entry);
  if (!realEntry.startsWith(realDir + '/')) {
    throw new NeurorackError('NR_PLUGIN_ENTRY_OUTSIDE', `entry ${entry} resolves to ${realEntry}, outside the plugin folder ${realDir}; expected a file inside it`, { file: manifestFile, pointer: '/entry' });
  }
}

/** A TypeScript plugin's source folder holds index.ts where the manifest names index.js. */
function sourceHint(entry: string): string {
  const source = entry.replace(/\.js$/, '.ts');
  if (source === entry || !existsSync(source)) return '';
  return `; ${basename(source)} is there: this is a TypeScript source folder, validate the folder its build writes (the built-in plugins build into dist/plugins/ with npm run build)`;
}

function retag(err: unknown, code: 'NR_PLUGIN_MANIFEST_INVALID'): NeurorackError {
  if (err instanceof NeurorackError && err.code === 'NR_SCHEMA_INVALID') return new NeurorackError(code, err.message, err.location);
  return asNeurorackError(err);
}

function idGuess(manifestFile: string): string | undefined {
  try {
    const raw = readJsonFile(manifestFile, MAX_MANIFEST_BYTES) as { id?: unknown };
    return typeof raw?.id === 'string' ? raw.id : undefined;
  } catch {
    return undefined;
  }
}
