import type { DependencyContainer } from 'tsyringe';
import { BankCache } from '../banks/bank-cache';
import { userBanksDir } from '../banks/banks-dir';
import { Tokens } from '../container/tokens';
import { DESCRIPTOR_ORDER } from '../descriptors/descriptor-matrix';
import { NeurorackError } from '../errors/neurorack-error';
import { hostVersion } from '../host-version';
import { userModelsDir } from '../model-packages/installed-models';
import type { HostSettings, HostState } from '../state/host-state';
import { memoDisplayCurves } from '../ui/curve-display';
import { memoRangeExcursions } from '../ui/range-excursions';
import type { HostActions } from '../ui/host-actions';
import type { HostView, ToastView } from '../ui/host-view';
import type { Clock } from '../scheduler/clock';
import type { EngineControl, EngineStats } from './control/engine-control';
import { trainingRanges } from './model-ranges';
import { FollowMeter, type FollowReading } from './follow/follow-meter';
import { CommunityBanks } from './community-banks';
import type { HostHealth } from './system-stats';
import { BankSelection } from './bank-selection';
import { CvCalibration } from './cv-calibration';
import { HostStats } from './host-stats';
import { ModelChoice } from './model-choice';
import { ModelInstalls } from './model-installs';
import { OutputMeter } from './output-meter';
import { ToastList } from './toast-list';
import { ViewRevision } from './view-revision';

const MAPPING_NAMES: Record<string, string> = { interpolate: 'Interpolate', scrub: 'Scrub', transient: 'Transient', variation: 'Variation', 'cv-curve': 'CV curve' };

/**
 * The running host as the screen (and the web panel) sees it: a HostView projected from its parts
 * (models, banks, meters, stats, calibration, toasts) and the engine (wherever it runs), and
 * HostActions that it hands to those parts.
 */
export class LiveHost implements HostActions {
  /** Set at dispose (the host stopped): model actions are refused. */
  private stopped = false;
  /** Where the browser panel is served (the About page), or null when it is not. */
  private webAddress: string | null = null;
  private pairingCode: string | null = null;
  private volume: number;
  private readonly gateState = new Map<number, { high: boolean; lastEdgeMs: number | null }>();
  private readonly clock: Clock;
  private readonly meter: OutputMeter;
  private readonly toasts = new ToastList(() => this.touch());
  private readonly stats: HostStats;
  private readonly models: ModelChoice;
  private readonly banks: BankSelection;
  private readonly calibration: CvCalibration;
  /** Bumped by every change the view shows (see `revision`). */
  private rev = 0;
  /** What `revision` polls. */
  private readonly polled: ViewRevision;
  private readonly shownCurves = memoDisplayCurves();
  private readonly outside = memoRangeExcursions();
  private readonly followMeter: FollowMeter;
  private followSeen: FollowReading | null = null;
  private followShown: HostView['follow'] = null;
  /** Registries, listings and installs of community banks (the panel's routes use it too). */
  readonly community: CommunityBanks;
  private communityListing: HostView['community']['listing'] = null;
  /** Model registries and model installs (the panel's routes use it). */
  readonly modelInstalls: ModelInstalls;
  private network = { at: -Infinity, up: false };

  constructor(
    private readonly c: DependencyContainer,
    private readonly engine: EngineControl,
    readonly onPower: (what: 'shutdown' | 'reboot') => void = () => undefined,
    /** Banks read so far (the host reads them while the engine starts). */
    bankCache: BankCache = new BankCache(),
    /** Where the performer's choices and calibration are saved (undefined: this session only). */
    private readonly state?: HostState,
  ) {
    const rack = c.resolve(Tokens.Rack);
    this.volume = rack.config.audio.volume;
    this.clock = c.resolve(Tokens.Clock);
    this.stats = new HostStats(c.resolve(Tokens.Scheduler), engine);
    const onChange = () => this.touch();
    const real = <T>(work: Promise<T>): Promise<T> => this.clock.hold(work);
    const save = (change: HostSettings) => this.save(change);
    const toast = (text: string, level: ToastView['level'], code?: string) => this.toast(text, level, code);
    this.models = new ModelChoice({ engine, real, onChange, save, refuseIfStopped: () => this.refuseIfStopped() });
    this.banks = new BankSelection({ engine, cache: bankCache, real, onChange, save, toast });
    this.calibration = new CvCalibration({ rack, engine, clock: this.clock, state, onChange, toast });
    this.meter = new OutputMeter(engine.audio.levels);
    this.polled = new ViewRevision(engine, this.meter, this.clock, rack.config.devices.cvAdc.jacks.length);
    engine.inputs.onEdge((e) => {
      this.gateState.set(e.jack, { high: e.edge === 'rising', lastEdgeMs: e.timeMs });
      this.touch();
    });
    this.community = new CommunityBanks({
      rack,
      userDir: userBanksDir,
      onChange,
      onInstalled: async (b) => {
        await this.refreshBanks();
        this.toast(`Installed bank ${b.id} (${b.entries} entries)`, 'info');
      },
    });
    this.modelInstalls = new ModelInstalls({
      rack,
      loader: () => c.resolve(Tokens.Plugins),
      userDir: userModelsDir,
      onChange,
      onInstalled: (m) => this.modelInstalled(m.id),
    });
    this.followMeter = new FollowMeter({ nextRender: (after) => engine.nextCompleteRender(after), onReading: onChange });
    this.followMeter.start();
  }

  /** The follow meter's newest reading (null before the first render is measured). */
  get follow(): FollowReading | null {
    return this.followMeter.reading;
  }

  /**
   * A number that changes whenever `view()` would show something new: CV volts, gates, curves,
   * playhead, meters, model, bank, toasts, settings, and once a second for the stats. Cheap and
   * allocation-free, for the screen to ask every frame and draw only on change.
   */
  revision(): number {
    if (this.polled.changed()) this.rev++;
    return this.rev;
  }

  /** Something the view shows changed (a model, a bank, a toast, a setting). */
  private touch(): void {
    this.rev++;
  }

  /** The process's health, for the web server's read-only stats (bench:soak-start reads it). */
  health(): HostHealth {
    return this.stats.health();
  }

  /** Reads the bank list once at boot (and after an install); entries A and B are the first bank's first two. */
  async refreshBanks(): Promise<void> {
    await this.banks.refresh();
  }

  view(): HostView {
    const rack = this.c.resolve(Tokens.Rack).config;
    const scan = this.engine.inputs.latest();
    const assignments = [rack.assignments.cv1, rack.assignments.cv2, rack.assignments.cv3, rack.assignments.cv4];
    this.stats.sample();
    const frames = this.shownCurves(this.engine.frames);
    const playing = this.engine.playing;
    return {
      phase: this.models.loading ? 'loading' : 'ready',
      boot: { progress: 1, step: 'ready' },
      model: { id: playing, name: playing ?? 'additive (no model installed)', loadingId: this.models.loading, ...modelInputs(this.engine.stats()) },
      models: this.models.rows(playing),
      ...this.banks.view(),
      community: this.communityView(),
      cvs: rack.devices.cvAdc.jacks.map((j, i) => {
        const volts = scan.jacks.find((r) => r.jack === j.jack)?.volts ?? 0;
        const [lo, hi] = j.range === 'unipolar-10v' ? [0, 10] : [-5, 5];
        return { jack: j.jack, volts, mapping: MAPPING_NAMES[assignments[i] ?? ''] ?? assignments[i] ?? '-', normalised: Math.min(1, Math.max(0, (volts - lo) / (hi - lo))) };
      }),
      gates: [1, 2].map((jack) => ({ jack, high: this.gateState.get(jack)?.high ?? false, lastEdgeMs: this.gateState.get(jack)?.lastEdgeMs ?? null, mode: jack === 1 ? rack.assignments.gate1 : rack.assignments.gate2 })),
      curves: { names: [...DESCRIPTOR_ORDER], frames, playhead: this.engine.playhead >= 0 ? this.engine.playhead : null, outside: this.outside(this.engine.frames, trainingRanges(playing, this.models.installed)) },
      follow: this.followView(),
      output: this.meter.view(),
      params: [
        { id: 'volume', name: 'Volume', value: this.volume, min: 0, max: 1, step: 0.05, unit: '' },
        { id: 'polyphony', name: 'Polyphony', value: rack.audio.polyphony, min: 1, max: 8, step: 1, unit: 'voices' },
        { id: 'block-size', name: 'Block size', value: rack.audio.blockSize, min: 64, max: 512, step: 64, unit: 'frames', choices: [64, 128, 256, 512] },
      ],
      assignments: { cv: assignments, gate: [rack.assignments.gate1, rack.assignments.gate2], mappings: Object.entries(MAPPING_NAMES).map(([id, name]) => ({ id, name })) },
      calibration: { jacks: rack.devices.cvAdc.jacks.map((j) => ({ jack: j.jack, range: j.range, offset: j.calibration.offset, gain: j.calibration.gain })) },
      stats: this.stats.view(),
      about: { hostVersion, profile: rack.name, board: rack.board, plugins: this.c.resolve(Tokens.Plugins).list().length, address: this.webAddress, pairingCode: this.pairingCode },
      toasts: this.toasts.view(),
    };
  }

  toast(text: string, level: ToastView['level'] = 'error', code?: string): void {
    this.toasts.push(text, level, code);
  }

  async selectModel(id: string): Promise<void> {
    await this.models.switchTo(id, false);
  }

  async selectTimbre(name: string): Promise<void> {
    this.refuseIfStopped();
    await this.engine.useTimbre(name);
    this.touch();
  }

  async reloadModel(): Promise<void> {
    const playing = this.engine.playing;
    if (playing) await this.models.switchTo(playing, true);
  }

  async runBenchmark(id: string): Promise<{ rtf: number }> {
    return this.models.benchmark(id);
  }

  /** A model was installed on disk (the panel's upload): the Models page and the panel list it from now on. */
  refreshModels(): void {
    this.models.refresh();
    this.touch();
  }

  /**
   * Model `id` was installed on disk (uploaded, or from a registry): the Models page and the panel
   * list it from now on, and where it replaced the model playing, the new copy is loaded and
   * crossfaded to as a Reload from the menu does (the old copy plays until then). A reload that
   * fails is told as a toast; the old copy plays on.
   */
  async modelInstalled(id: string): Promise<{ reloaded: boolean }> {
    this.refreshModels();
    if (this.engine.playing !== id) {
      this.toast(`Installed model ${id}`, 'info');
      return { reloaded: false };
    }
    try {
      await this.models.switchTo(id, true);
    } catch (err) {
      const e = err as NeurorackError;
      this.toast(`Installed model ${id}; its new copy did not load (${e.message}), the old one plays on until Reload`, 'error', e.code);
      return { reloaded: false };
    }
    this.toast(`Installed model ${id}; playing its new copy`, 'info');
    return { reloaded: true };
  }

  /** The browser panel is served at `address` (shown on the About page), or no longer (null). */
  setWebAddress(address: string | null): void {
    this.webAddress = address;
    this.touch();
  }

  /** The code a browser from the network pairs with (the About page shows it while it is valid), or null. */
  setPairingCode(code: string | null): void {
    this.pairingCode = code;
    this.touch();
  }

  async browseCommunity(registry?: string): Promise<void> {
    const at = registry ?? this.community.registries()[0];
    if (!at) throw new NeurorackError('NR_BANK_REGISTRY_UNKNOWN', 'the rack names no bank registry (banks.registries); add one from the panel');
    const listed = await this.clock.hold(this.community.list(at));
    this.communityListing = { registry: at, banks: listed.banks.map((b) => ({ id: b.id, name: b.name, author: b.author, licence: b.licence, entries: b.entries, size: b.size })) };
    this.touch();
    void this.previewListing(at);
  }

  /** The listed banks' first-entry curves, read one bank at a time once the listing shows (a bank that cannot be read shows none). */
  private async previewListing(registry: string): Promise<void> {
    for (const { id } of this.communityListing?.banks.slice(0, 16) ?? []) {
      const first = (await this.community.preview(registry, id).catch(() => null))?.entries[0];
      const listing = this.communityListing;
      if (!first || listing?.registry !== registry) continue;
      this.communityListing = { registry, banks: listing.banks.map((b) => (b.id === id ? { ...b, curves: first.curves } : b)) };
      this.touch();
    }
  }

  async installCommunityBank(registry: string, bankId: string): Promise<void> {
    // Started: the screen follows its progress in the view; a refusal is also told as a toast.
    this.community.install(registry, bankId).catch((err: NeurorackError) => this.toast(err.message, 'error', err.code));
  }

  /** The community part of the view: the network is looked at at most every 2 s. */
  private communityView(): HostView['community'] {
    const now = performance.now();
    if (now - this.network.at > 2000) this.network = { at: now, up: this.community.networkAvailable() };
    const p = this.community.progress;
    return {
      registries: this.community.registries(),
      network: this.network.up,
      listing: this.communityListing,
      progress: p && { bankId: p.bankId, phase: p.phase, fraction: p.fraction, ...(p.error ? { error: p.error } : {}) },
    };
  }

  /** The follow reading as the screen shows it (the same object until a new render is measured). */
  private followView(): HostView['follow'] {
    const r = this.followMeter.reading;
    if (r !== this.followSeen) {
      this.followSeen = r;
      this.followShown = r && { r: r.r, worst: r.worst, version: r.version };
    }
    return this.followShown;
  }

  /** The statistics page's xruns and deadline misses count from now (the health report keeps its totals). */
  async resetStats(): Promise<void> {
    this.stats.reset();
    this.touch();
  }

  /** The host stopped: model actions are refused from now on (the engine released its models). */
  async dispose(): Promise<void> {
    this.stopped = true;
    await this.followMeter.stop();
    await this.community.close();
  }

  private refuseIfStopped(): void {
    if (this.stopped) throw new NeurorackError('NR_USAGE', 'the host has stopped: no model can be loaded any more');
  }

  /** Sets one slot to an entry of any bank; the other slot keeps its entry and bank. Ends a preview. */
  async chooseEntry(slot: 'A' | 'B', bankId: string, entry: string): Promise<void> {
    await this.banks.choose(slot, bankId, entry);
  }

  /**
   * Plays an entry once in place of A and B without changing them: it stays loaded until
   * `endPreview` (the performer leaves the entry list) or a new choice of A or B.
   */
  async previewEntry(bankId: string, entry: string): Promise<void> {
    await this.banks.previewEntry(bankId, entry);
  }

  /** A and B play again as chosen, if an entry was being previewed. */
  async endPreview(): Promise<void> {
    await this.banks.endPreview();
  }

  async setParam(id: string, value: number): Promise<void> {
    if (id === 'volume') {
      this.volume = Math.min(1, Math.max(0, value));
      this.engine.setVolume(this.volume);
      this.touch();
      await this.save({ volume: this.volume });
      return;
    }
    throw new NeurorackError('NR_UI_ACTION_FAILED', `${id} applies at the next start: set audio.${id === 'block-size' ? 'blockSize' : id} in the rack config`);
  }

  async assign(jack: string, target: string): Promise<void> {
    throw new NeurorackError('NR_UI_ACTION_FAILED', `assigning ${jack} to ${target} applies at the next start: set assignments.${jack} in the rack config`);
  }

  async sampleRawCv(jack: number, count: number): Promise<number[]> {
    return this.calibration.sampleRaw(jack, count);
  }

  /**
   * Applies the calibration at once (the ADC reads it per scan) and saves it in the state folder
   * (it takes the place of the rack's at the next start); without one it lasts this session.
   */
  async storeCalibration(jack: number, calibration: { offset: number; gain: number }): Promise<void> {
    await this.calibration.store(jack, calibration);
  }

  /**
   * Puts back what the performer had chosen before the restart: the volume, and entries A and B
   * unless the command named its own (`entriesGiven`). A bank or entry gone since is skipped with
   * a warning; the model was chosen at boot.
   */
  async restore(settings: HostSettings, entriesGiven: boolean): Promise<void> {
    if (settings.volume !== undefined) {
      this.volume = settings.volume;
      this.engine.setVolume(this.volume);
    }
    if (!entriesGiven) await this.banks.restore(settings);
    this.touch();
  }

  /** Saves a change of the performer's choices; a failed save is shown, the change stays in force. */
  private async save(change: HostSettings): Promise<void> {
    try {
      await this.state?.saveSettings(change);
    } catch (err) {
      const e = err as NeurorackError;
      this.toast(`not saved: ${e.message}`, 'warn', e.code);
    }
  }

  async dismissToast(id: string): Promise<void> {
    this.toasts.dismiss(id);
  }

  async shutdown(): Promise<void> {
    this.onPower('shutdown');
  }

  async reboot(): Promise<void> {
    this.onPower('reboot');
  }
}

/** What the screen shows of the playing model's stats: its out-of-range flag and timbres, when it has them. */
function modelInputs(stats: EngineStats): { outOfRange?: boolean; timbres?: readonly string[]; timbre?: string } {
  return { ...(stats.inputs ? { outOfRange: stats.inputs.lastRenderOutOfRange } : {}), ...(stats.timbres ? { timbres: stats.timbres, timbre: stats.timbre } : {}) };
}
