import { createHash } from 'node:crypto';
import { readBoundedSync } from '../files/read-bounded';
import { MAX_MANIFEST_BYTES } from '../model-runtime/model-manifest-file';
import { join } from 'node:path';
import type { DependencyContainer } from 'tsyringe';
import { Tokens } from '../container/tokens';
import { AdditiveRenderer } from '../engine/additive-renderer';
import type { ModelRenderer } from '../engine/model-renderer';
import { ThreadedAdditiveRenderer } from '../engine/threaded-additive-renderer';
import { asNeurorackError, NeurorackError } from '../errors/neurorack-error';
import { installedModels, loadModel, type InstalledModel } from '../model-packages/installed-models';

/** Loaded models kept for quick switching back and forth; the oldest beyond it is released. */
const KEPT_MODELS = 3;

/**
 * The models a host has loaded, by id, least recently used first: the one playing and up to two
 * more for quick switching back. Lives where the instrument plays (the control thread, or the main
 * thread on a virtual clock), so a model is loaded once for playing and auditioning.
 */
export class ModelCache {
  private readonly renderers = new Map<string, ModelRenderer>();
  /** Set at dispose (the host stopped): loads are refused, and one that finishes late is released. */
  private stopped = false;
  /** The id of the model playing (kept when the cache trims). */
  playing: string | undefined;
  /** Each loaded model's manifest hash when it was read: a folder installed over it since hashes otherwise. */
  private readonly identities = new Map<string, string>();
  /** Copies of the playing model replaced by a fresh load, released once the instrument has moved off them. */
  private readonly retired: ModelRenderer[] = [];

  constructor(private readonly c: DependencyContainer) {}

  /**
   * The rack's default model (or `modelId`), else the first installed one that loads. With none
   * installed (or none loading) the additive renderer plays, and each failure is reported. Called
   * at boot: the model loads as the path to playable (ModelLoadOptions.booting).
   */
  async loadDefault(onError: (e: NeurorackError) => void, modelId?: string): Promise<{ info?: InstalledModel; renderer: ModelRenderer }> {
    const wanted = modelId ?? this.c.resolve(Tokens.Rack).config.model.default;
    const models = installedModels();
    const ordered = [...models.filter((m) => m.id === wanted), ...models.filter((m) => m.id !== wanted)];
    for (const info of ordered) {
      try {
        const renderer = await this.get(info.id, false, true);
        this.playing = info.id;
        return { info, renderer };
      } catch (err) {
        onError(asNeurorackError(err, 'NR_INTERNAL', { file: info.dir }));
      }
    }
    // On the real clock the fallback renders on its own thread, like a model plugin.
    return { renderer: this.c.resolve(Tokens.ClockChoices).fallbackRenderer === 'threaded' ? new ThreadedAdditiveRenderer() : new AdditiveRenderer() };
  }

  /**
   * A loaded model by id (loaded now if needed; `fresh` reads it from disk again and releases the
   * old copy). A copy whose folder was installed over since (its manifest changed) is loaded again
   * as with `fresh`: what plays is what is installed. `booting`: the host's boot loads it (see
   * ModelLoadOptions.booting).
   */
  async get(id: string, fresh: boolean, booting = false): Promise<ModelRenderer> {
    this.refuseIfStopped();
    const info = installedModels().find((m) => m.id === id);
    if (!info) throw new NeurorackError('NR_PLUGIN_NOT_FOUND', `no installed model "${id}"`);
    const cached = this.renderers.get(id);
    const identity = manifestIdentity(info.dir);
    if (cached && !fresh && this.identities.get(id) === identity) {
      this.renderers.delete(id);
      this.renderers.set(id, cached);
      return cached;
    }
    const renderer = await this.c.resolve(Tokens.Clock).hold(loadModel(this.c, info, booting));
    if (this.stopped) {
      // The host stopped while this model loaded: nobody will play it or release it later.
      await release(renderer);
      this.refuseIfStopped();
    }
    this.renderers.set(id, renderer);
    this.identities.set(id, identity);
    if (cached && id === this.playing) this.retired.push(cached);
    else if (cached) void release(cached);
    for (const [other, r] of this.renderers) {
      if (this.renderers.size <= KEPT_MODELS) break;
      if (other === id || other === this.playing) continue;
      this.renderers.delete(other);
      void release(r);
    }
    return renderer;
  }

  /**
   * The instrument now plays `id`: copies of it that a fresh load replaced are released once
   * `drained` resolves (their renders in flight are written), so the audio they fill never stops short.
   */
  played(id: string, drained: Promise<unknown>): void {
    this.playing = id;
    const old = this.retired.splice(0);
    if (old.length > 0) void drained.catch(() => undefined).then(() => Promise.all(old.map(release)));
  }

  /** Releases every loaded model (at stop); models asked for afterwards are refused. */
  async dispose(): Promise<void> {
    this.stopped = true;
    const all = [...this.renderers.values(), ...this.retired.splice(0)];
    this.renderers.clear();
    await Promise.all(all.map(release));
  }

  private refuseIfStopped(): void {
    if (this.stopped) throw new NeurorackError('NR_USAGE', 'the host has stopped: no model can be loaded any more');
  }
}

/**
 * What a model folder holds, as the sha256 of its manifest (which lists every file's sha256, checked
 * at load): a copy loaded from an older manifest is stale. Empty when unreadable (the load reports it).
 */
function manifestIdentity(dir: string): string {
  try {
    return createHash('sha256').update(readBoundedSync(join(dir, 'manifest.json'), { maxBytes: MAX_MANIFEST_BYTES, what: 'model manifest' })).digest('hex');
  } catch {
    return '';
  }
}

/** Releases a model's runtime session, if it has one (after the engine has moved on from it). */
async function release(renderer: ModelRenderer): Promise<void> {
  await renderer.dispose?.().catch(() => undefined);
}
