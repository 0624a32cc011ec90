import type { LoadedRack } from '../config/rack-config';
import { NeurorackError } from '../errors/neurorack-error';
import { installModel } from '../model-packages/install-model';
import { installedModels } from '../model-packages/installed-models';
import { findModelInIndex } from '../model-packages/model-index';
import { MODEL_PACKAGE_LIMITS } from '../model-packages/model-package-format';
import { openModelRegistry } from '../model-packages/model-registry';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { PanelRegistryModel } from '../web/web-host';
import { applyRegistryList, checkRegistryList } from './registry-list';

/** One model a registry offers (its newest version): the panel's contract (web-host.ts). */
export type RegistryModel = PanelRegistryModel;

/** A model installed by the host: what the panel is told. */
export interface HostModelInstall {
  readonly id: string;
  readonly runtime: string;
  /** The replaced model was playing and now plays its new copy (crossfaded, as a switch from the menu). */
  readonly reloaded: boolean;
}

export interface ModelInstallsOptions {
  readonly rack: LoadedRack;
  /** The plugins whose runtimes verify a model before it is moved into place. */
  readonly loader: () => PluginLoader;
  /** The user's model folder (installs go there). */
  readonly userDir: () => string;
  /** Largest .nrmodel downloaded from a registry (default MODEL_PACKAGE_LIMITS.maxPackageBytes). */
  readonly maxBytes?: number;
  /** The registry list changed. */
  readonly onChange: () => void;
  /** A model is in place on disk: list it, and play its new copy where the old one played. */
  readonly onInstalled: (installed: { id: string; runtime: string }) => Promise<{ reloaded: boolean }>;
}

/**
 * Model installs where performers are (the panel): the model registries the rack names
 * (`model.registries`, settable from the panel and saved in a user's rack file), their models listed
 * and installed, and uploaded packages installed. Every install is `neurorack model install`'s own
 * code (installModel: download within the size limit, the index's sha256, the package's per-file
 * hashes, the runtime's own checks, staged and renamed into place, NR_MODEL_EXISTS unless `force`),
 * one at a time, so nothing is written on a refusal and two installs never share a staging folder.
 */
export class ModelInstalls {
  private installing: string | null = null;

  constructor(private readonly o: ModelInstallsOptions) {}

  registries(): readonly string[] {
    return this.o.rack.config.model.registries;
  }

  /** Replaces the registry list (applied at once; saved when the rack file is the user's). */
  async setRegistries(list: unknown): Promise<{ registries: readonly string[]; saved: boolean }> {
    const registries = checkRegistryList(list, 'NR_MODEL_REGISTRY_INVALID');
    const saving = applyRegistryList(this.o.rack, 'model', registries);
    this.o.onChange();
    return { registries, saved: await saving };
  }

  /** The registry's models, the newest version of each id, sorted by id. */
  async list(registry: string): Promise<{ registry: string; models: RegistryModel[] }> {
    this.known(registry);
    const { index } = await openModelRegistry(registry, process.cwd());
    const installed = new Set(installedModels().map((m) => m.id));
    const loader = this.o.loader();
    const ids = [...new Set(index.models.map((m) => m.id))].sort();
    return {
      registry,
      models: ids.map((id) => {
        const m = findModelInIndex(index, id)!;
        return {
          id, name: m.name, version: m.version, runtime: m.runtime, author: m.author, licence: m.licence, description: m.description, size: m.size,
          installed: installed.has(id), runtimeAvailable: loader.findOffer(m.runtime, 'model') !== undefined,
        };
      }),
    };
  }

  /** Installs model `id` from one of the rack's registries, as `model install ID --registry URL [--force]` does. */
  async installFromRegistry(registry: string, id: string, force = false): Promise<HostModelInstall> {
    this.known(registry);
    return this.exclusive(id, () => installModel(id, { registry, dir: this.o.userDir(), loader: this.o.loader(), force, maxBytes: this.o.maxBytes ?? MODEL_PACKAGE_LIMITS.maxPackageBytes }));
  }

  /** Installs the .nrmodel at `file` (an upload), as `model install FILE [--force]` does. */
  async installFile(file: string, force = false): Promise<HostModelInstall> {
    return this.exclusive('an uploaded package', () => installModel(file, { dir: this.o.userDir(), loader: this.o.loader(), force }));
  }

  private async exclusive(what: string, install: () => Promise<{ id: string; runtime: string }>): Promise<HostModelInstall> {
    if (this.installing) throw new NeurorackError('NR_MODEL_INSTALL_BUSY', `cannot install ${what} now: ${this.installing} is being installed; one installs at a time`);
    this.installing = what;
    try {
      const { id, runtime } = await install();
      const { reloaded } = await this.o.onInstalled({ id, runtime });
      return { id, runtime, reloaded };
    } finally {
      this.installing = null;
    }
  }

  private known(registry: string): void {
    if (!this.registries().includes(registry)) {
      throw new NeurorackError('NR_MODEL_REGISTRY_UNKNOWN', `${JSON.stringify(registry)} is not one of the rack's model registries (${this.registries().join(', ') || 'none'}); add it to model.registries first`, { pointer: '/registry' });
    }
  }
}
