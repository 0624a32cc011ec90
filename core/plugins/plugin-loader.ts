import type { DependencyContainer } from 'tsyringe';
import { resolve } from 'node:path';
import * as semver from 'semver';
import { asNeurorackError, NeurorackError } from '../errors/neurorack-error';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { DiscoveredPlugin } from './discovered-plugin';
import type { PluginDirSpec } from './discover-plugin-dirs';
import type { PluginManifest } from './plugin-manifest';
import type { PluginContext, PluginModule } from './plugin-module';
import { assertEntryInside, readPluginDir } from './read-plugin-dir';
import { PluginTokens } from './plugin-tokens';
import { provideSdkToPlugins } from './sdk-resolution';
import { PLUGIN_IMPORT_TIMEOUT_MS, probeImport } from './import-probe';

/** How long a plugin's `activate()` may run before the plugin is marked failed and boot goes on. */
export const PLUGIN_ACTIVATE_TIMEOUT_MS = 10_000;

/** A plugin whose code is loaded and activated, with its own child container. */
export interface ActivePlugin {
  readonly manifest: PluginManifest;
  readonly dir: string;
  readonly module: PluginModule;
  readonly container: DependencyContainer;
}

/**
 * Finds, checks and (on demand) activates plugins. Built-ins go through exactly this path too.
 * Discovery reads manifests only; code loads when a plugin is first activated. A broken plugin is
 * listed with its error and the others load.
 */
export class PluginLoader {
  private readonly plugins = new Map<string, DiscoveredPlugin>();
  private readonly order: DiscoveredPlugin[] = [];
  private readonly active = new Map<string, Promise<ActivePlugin>>();

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly hostVersion: string,
    private readonly parent: DependencyContainer,
    /** How long a plugin's `activate()` may take before it is marked failed. */
    private readonly activateTimeoutMs: number = PLUGIN_ACTIVATE_TIMEOUT_MS,
    /** How long a rack or npm plugin's entry may take to import (probed in a thread) before it is marked failed. */
    private readonly importTimeoutMs: number = PLUGIN_IMPORT_TIMEOUT_MS,
  ) {}

  /** Reads every folder (earlier specs win an id conflict), then checks dependencies. */
  discover(specs: readonly PluginDirSpec[]): readonly DiscoveredPlugin[] {
    for (const spec of specs) {
      const found = readPluginDir(spec.dir, spec.source, this.registry, this.hostVersion);
      const holder = this.plugins.get(found.id);
      if (found.status === 'ok' && holder) {
        found.status = 'error';
        found.error = new NeurorackError('NR_PLUGIN_DUPLICATE_ID', `id "${found.id}" is already claimed by ${holder.manifestFile}; expected a unique id`, { file: found.manifestFile, pointer: '/id' });
      }
      if (!this.plugins.has(found.id) || (found.status === 'ok' && holder?.status === 'error')) this.plugins.set(found.id, found);
      this.order.push(found);
    }
    this.checkDependencies();
    return this.order;
  }

  /** Every discovered plugin folder, in discovery order, including the broken ones. */
  list(): readonly DiscoveredPlugin[] {
    return this.order;
  }

  /**
   * Marks a plugin failed while it runs (its code threw or rejected after activation): it is listed
   * with `error` and is not activated again. Code it already handed out is not recalled.
   */
  markFailed(id: string, error: NeurorackError): void {
    const found = this.plugins.get(id);
    if (!found) return;
    found.status = 'error';
    found.error = error;
    this.active.delete(id);
  }

  /** Usable plugins of one kind. */
  ofKind(kind: PluginManifest['kind']): PluginManifest[] {
    return this.order.filter((p) => p.status === 'ok' && p.manifest!.kind === kind).map((p) => p.manifest!);
  }

  /** Loads the plugin's code (and its dependencies') once, checks its exports, runs `activate`. */
  activate(id: string): Promise<ActivePlugin> {
    let pending = this.active.get(id);
    if (!pending) {
      pending = this.load(id);
      this.active.set(id, pending);
      pending.catch(() => this.active.delete(id));
    }
    return pending;
  }

  /** The plugin offering `offerId` (e.g. a mapping id), optionally restricted to one kind. */
  findOffer(offerId: string, kind?: PluginManifest['kind']): PluginManifest | undefined {
    const [pluginId, local] = offerId.includes('/') ? offerId.split('/', 2) : [undefined, offerId];
    return this.order
      .filter((p) => p.status === 'ok' && (!kind || p.manifest!.kind === kind) && (!pluginId || p.id === pluginId))
      .map((p) => p.manifest!)
      .find((m) => (m.provides as Array<{ id: string }>).some((o) => o.id === local));
  }

  private async load(id: string): Promise<ActivePlugin> {
    const found = this.plugins.get(id);
    if (!found) throw new NeurorackError('NR_PLUGIN_NOT_FOUND', `no plugin "${id}"; discovered: ${[...this.plugins.keys()].join(', ') || 'none'}`);
    if (found.status !== 'ok') throw new NeurorackError('NR_PLUGIN_NOT_LOADABLE', `plugin "${id}" cannot be activated: ${found.error?.describe()}`, { file: found.manifestFile });
    const manifest = found.manifest!;
    for (const dep of Object.keys(manifest.dependencies)) await this.activate(dep);
    try {
      // Built-ins are the host's own code; a third-party entry is imported in a probe thread first.
      if (found.source !== 'builtin') await probeImport(resolve(found.dir, manifest.entry), id, found.manifestFile, this.importTimeoutMs);
      const module = loadEntryModule(found.dir, manifest, found.manifestFile);
      const container = this.parent.createChildContainer();
      const context: PluginContext = { manifest, dir: found.dir, container };
      container.register(PluginTokens.Context, { useValue: context });
      await withTimeout(module.activate?.(context), this.activateTimeoutMs, () => new NeurorackError('NR_PLUGIN_ACTIVATE_TIMEOUT', `activate() of plugin "${id}" did not settle within ${this.activateTimeoutMs} ms; expected it to resolve or reject`, { file: found.manifestFile, plugin: id }));
      return { manifest, dir: found.dir, module, container };
    } catch (err) {
      found.status = 'error';
      found.error = asNeurorackError(err, 'NR_PLUGIN_ENTRY_THREW', { file: found.manifestFile, plugin: id });
      throw found.error;
    }
  }

  private checkDependencies(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const p of this.order) {
        if (p.status !== 'ok') continue;
        for (const [dep, range] of Object.entries(p.manifest!.dependencies)) {
          const target = this.plugins.get(dep);
          const problem = !target ? 'is not installed'
            : target.status !== 'ok' ? `failed to load (${target.error?.code})`
            : !semver.satisfies(target.manifest!.version, range, { includePrerelease: true }) ? `is at ${target.manifest!.version}` : undefined;
          if (problem) {
            p.status = 'error';
            p.error = new NeurorackError('NR_PLUGIN_DEPENDENCY_MISSING', `needs plugin "${dep}" ${range}, which ${problem}`, { file: p.manifestFile, pointer: `/dependencies/${dep}` });
            changed = true;
            break;
          }
        }
      }
    }
  }
}

/**
 * Imports a plugin's entry module and checks it against the manifest in both directions: every
 * declared offer is exported, and nothing is exported that the manifest does not declare.
 */
export function loadEntryModule(dir: string, manifest: PluginManifest, manifestFile: string): PluginModule {
  const entry = resolve(dir, manifest.entry);
  assertEntryInside(dir, entry, manifestFile); // again: the folder may have changed since discovery
  provideSdkToPlugins();
  let loaded: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(entry);
  } catch (err) {
    throw new NeurorackError('NR_PLUGIN_ENTRY_THREW', `loading ${manifest.entry} threw: ${(err as Error)?.message ?? String(err)}`, { file: manifestFile, pointer: '/entry', plugin: manifest.id }, { cause: err });
  }
  const mod = ((loaded as { default?: unknown })?.default ?? loaded) as Partial<PluginModule> | undefined;
  if (!mod || typeof mod.provides !== 'object' || mod.provides === null) {
    throw new NeurorackError('NR_PLUGIN_EXPORTS_MISMATCH', `${manifest.entry} exports no \`provides\` object; expected one key per manifest offer (${manifest.provides.map((p) => p.id).join(', ')})`, { file: manifestFile, pointer: '/provides', plugin: manifest.id });
  }
  const declared = manifest.provides.map((p) => p.id);
  const exported = Object.keys(mod.provides);
  const missing = declared.filter((id) => !exported.includes(id));
  const extra = exported.filter((id) => !declared.includes(id));
  if (missing.length || extra.length) {
    const parts = [missing.length && `declared but not exported: ${missing.join(', ')}`, extra.length && `exported but not declared: ${extra.join(', ')}`].filter(Boolean);
    throw new NeurorackError('NR_PLUGIN_EXPORTS_MISMATCH', `manifest and ${manifest.entry} disagree (${parts.join('; ')})`, { file: manifestFile, pointer: '/provides', plugin: manifest.id });
  }
  return mod as PluginModule;
}

/** Waits for `work` at most `ms`; a timer that fires rejects with `onTimeout()` (the work is left to finish or not). */
async function withTimeout<T>(work: T | Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([Promise.resolve(work), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
