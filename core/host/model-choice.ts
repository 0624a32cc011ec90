import { MODEL_RATE } from '../engine/descriptor-frames';
import { NeurorackError } from '../errors/neurorack-error';
import type { HostSettings } from '../state/host-state';
import type { InstalledModel as ModelRow } from '../ui/host-view';
import type { EngineControl } from './control/engine-control';
import { installedModels, type InstalledModel } from '../model-packages/installed-models';

export interface ModelChoiceDeps {
  readonly engine: EngineControl;
  /** Real work (loading, rendering): on a virtual clock, time stands still meanwhile. */
  readonly real: <T>(work: Promise<T>) => Promise<T>;
  /** Something the view shows changed. */
  readonly onChange: () => void;
  /** Saves a change of the performer's choices. */
  readonly save: (change: HostSettings) => Promise<void>;
  /** Throws once the host has stopped. */
  readonly refuseIfStopped: () => void;
}

/**
 * The installed models as the Models page lists them, and the performer's switches between them:
 * a model loads in the background while the current one keeps playing, then crossfades.
 */
export class ModelChoice {
  /** Read from disk at start and after a model action, never per frame (the screen asks 15 times a second). */
  private models: InstalledModel[] = installedModels();
  private loadingId: string | null = null;
  private readonly errors = new Map<string, string>();
  private readonly rtfs = new Map<string, number>();

  constructor(private readonly deps: ModelChoiceDeps) {}

  get installed(): readonly InstalledModel[] {
    return this.models;
  }

  /** Reads the installed models again (one was installed on disk: the panel's upload). */
  refresh(): void {
    this.models = installedModels();
  }

  /** The model being loaded, if a switch is under way. */
  get loading(): string | null {
    return this.loadingId;
  }

  rows(playing: string | null): ModelRow[] {
    return this.models.map((m): ModelRow => ({
      id: m.id, name: m.id, source: m.source === 'builtin' ? 'builtin' : 'imported',
      status: this.loadingId === m.id ? 'loading' : this.errors.has(m.id) ? 'error' : m.id === playing ? 'ready' : 'available',
      rtf: this.rtfs.get(m.id) ?? null, ...(this.errors.has(m.id) ? { error: this.errors.get(m.id)! } : {}),
    }));
  }

  /**
   * Loads `id` in the background (the current model keeps playing), then crossfades to it.
   * `fresh` reads it from disk again (reload) instead of reusing the loaded copy.
   */
  async switchTo(id: string, fresh: boolean): Promise<void> {
    this.deps.refuseIfStopped();
    this.models = installedModels();
    if (!this.models.some((m) => m.id === id)) throw new NeurorackError('NR_PLUGIN_NOT_FOUND', `no installed model "${id}"`);
    this.loadingId = id;
    this.deps.onChange();
    try {
      await this.deps.real(this.deps.engine.useModel(id, fresh));
      this.errors.delete(id);
      await this.deps.save({ model: id });
    } catch (err) {
      this.errors.set(id, (err as Error).message);
      throw err;
    } finally {
      this.loadingId = null;
      this.deps.onChange();
    }
  }

  async benchmark(id: string): Promise<{ rtf: number }> {
    this.deps.refuseIfStopped();
    this.models = installedModels();
    const frames = Array.from({ length: 87 }, (_, t) => [0.1 * Math.exp(-t / 20), 0.05, 3000, 0.01, 2000, 1500, 110]);
    const t0 = performance.now();
    const audio = await this.deps.real(this.deps.engine.render(id, frames, 1));
    const rtf = (performance.now() - t0) / 1000 / (audio.length / MODEL_RATE);
    this.rtfs.set(id, rtf);
    this.deps.onChange();
    return { rtf };
  }
}
