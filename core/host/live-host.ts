import type { DependencyContainer } from 'tsyringe';
import { listBanks } from '../banks/bank-list';
import { BankCache } from '../banks/bank-cache';
import { userBanksDir } from '../banks/banks-dir';
import { Tokens } from '../container/tokens';
import { DESCRIPTOR_ORDER } from '../descriptors/descriptor-matrix';
import { MODEL_RATE, type DescriptorFrames } from '../engine/descriptor-frames';
import { NeurorackError } from '../errors/neurorack-error';
import { hostVersion } from '../host-version';
import { holdRealWork } from '../scheduler/hold-real-work';
import { paths } from '../paths';
import type { HostSettings, HostState } from '../state/host-state';
import { memoDisplayCurves } from '../ui/curve-display';
import { memoRangeExcursions } from '../ui/range-excursions';
import type { HostActions } from '../ui/host-actions';
import type { BankSummary, HostView, InstalledModel as ModelRow, ToastView } from '../ui/host-view';
import type { Clock } from '../scheduler/clock';
import type { Scheduler } from '../scheduler/scheduler';
import type { EngineControl, EngineStats } from './control/engine-control';
import { installedModels, type InstalledModel } from './installed-models';
import { trainingRanges } from './model-ranges';
import { FollowMeter, type FollowReading } from './follow/follow-meter';
import { CommunityBanks } from './community-banks';
import { SystemStats, type HostHealth } from './system-stats';

const MAPPING_NAMES: Record<string, string> = { interpolate: 'Interpolate', scrub: 'Scrub', transient: 'Transient', variation: 'Variation', 'cv-curve': 'CV curve' };

/**
 * The running host as the screen (and the web panel) sees it: a HostView built from the devices
 * and the engine (wherever it runs), and HostActions that act on them. Model switches load in the
 * background while the current model keeps playing, then crossfade.
 */
export class LiveHost implements HostActions {
  /** Read from disk at start and after a model action, never per frame (the screen asks 15 times a second). */
  private installed: InstalledModel[] = installedModels();
  private loadingId: string | null = null;
  private readonly modelErrors = new Map<string, string>();
  private readonly rtfs = new Map<string, number>();
  /** Set at dispose (the host stopped): model actions are refused. */
  private stopped = false;
  private banks: BankSummary[] = [];
  /** Where each listed bank lives, by id. */
  private bankPaths = new Map<string, string>();
  /** Entries A and B, each with the bank it comes from. */
  private bankState = { entryA: null as string | null, entryB: null as string | null, bankA: null as string | null, bankB: null as string | null };
  /** An entry playing in place of A and B from the Banks page (A and B stay as chosen). */
  private preview: { bank: string; entry: string } | null = null;
  /** Where the browser panel is served (the About page), or null when it is not. */
  private webAddress: string | null = null;
  /** The counters as they were at the last reset (xruns, misses per task). */
  private statsBase = { xruns: 0, misses: new Map<string, number>() };
  private readonly toasts: ToastView[] = [];
  private toastSeq = 0;
  private peak = 0;
  private level = 0;
  private clipping = false;
  private volume: number;
  private readonly gateState = new Map<number, { high: boolean; lastEdgeMs: number | null }>();
  private readonly startedMs = performance.now();
  private readonly system = new SystemStats();
  private readonly scheduler: Scheduler;
  private readonly clock: Clock;
  /** Bumped by every change the view shows (see `revision`). */
  private rev = 0;
  /** What `revision` last saw of the values it polls. */
  private readonly seenVolts: Float64Array;
  private seenFrames: unknown = undefined;
  private seenPlayhead = Number.NaN;
  private seenLevel = 0;
  private seenPeak = 0;
  private seenClipping = false;
  private seenSecond = -1;
  private readonly shownCurves = memoDisplayCurves();
  private readonly outside = memoRangeExcursions();
  private readonly followMeter: FollowMeter;
  private followSeen: FollowReading | null = null;
  private followShown: HostView['follow'] = null;
  /** Registries, listings and installs of community banks (the panel's routes use it too). */
  readonly community: CommunityBanks;
  private communityListing: HostView['community']['listing'] = null;
  private network = { at: -Infinity, up: false };

  constructor(
    private readonly c: DependencyContainer,
    private readonly engine: EngineControl,
    readonly onPower: (what: 'shutdown' | 'reboot') => void = () => undefined,
    /** Banks read so far (the host reads them while the engine starts). */
    private readonly bankCache: BankCache = new BankCache(),
    /** Where the performer's choices and calibration are saved (undefined: this session only). */
    private readonly state?: HostState,
  ) {
    this.volume = c.resolve(Tokens.Rack).config.audio.volume;
    this.clock = c.resolve(Tokens.Clock);
    this.scheduler = c.resolve(Tokens.Scheduler);
    this.seenVolts = new Float64Array(c.resolve(Tokens.Rack).config.devices.cvAdc.jacks.length).fill(Number.NaN);
    engine.audio.onBlock((block) => {
      let peak = 0;
      let sum = 0;
      for (let i = 0; i < block.length; i++) {
        const v = Math.abs(block[i]!);
        if (v > peak) peak = v;
        sum += v * v;
      }
      // Below the meter's floor (-120 dB) the decay stops, or it would change every block for a minute.
      const decayed = this.peak * 0.95;
      this.peak = Math.max(peak, decayed > SILENT ? decayed : 0);
      const level = Math.sqrt(sum / Math.max(1, block.length));
      this.level = level > SILENT ? level : 0;
      this.clipping = peak >= 0.999;
    });
    engine.inputs.onEdge((e) => {
      this.gateState.set(e.jack, { high: e.edge === 'rising', lastEdgeMs: e.timeMs });
      this.touch();
    });
    this.community = new CommunityBanks({
      rack: c.resolve(Tokens.Rack),
      userDir: userBanksDir,
      onChange: () => this.touch(),
      onInstalled: async (b) => {
        await this.refreshBanks();
        this.toast(`Installed bank ${b.id} (${b.entries} entries)`, 'info');
      },
    });
    this.followMeter = new FollowMeter({ nextRender: (after) => engine.nextCompleteRender(after), onReading: () => this.touch() });
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
    let changed = false;
    const jacks = this.engine.inputs.latest().jacks;
    for (let i = 0; i < jacks.length && i < this.seenVolts.length; i++) {
      const volts = jacks[i]!.volts;
      if (volts !== this.seenVolts[i]) {
        this.seenVolts[i] = volts;
        changed = true;
      }
    }
    const frames = this.engine.frames;
    const playhead = this.engine.playhead;
    if (frames !== this.seenFrames || playhead !== this.seenPlayhead) {
      this.seenFrames = frames;
      this.seenPlayhead = playhead;
      changed = true;
    }
    if (this.level !== this.seenLevel || this.peak !== this.seenPeak || this.clipping !== this.seenClipping) {
      this.seenLevel = this.level;
      this.seenPeak = this.peak;
      this.seenClipping = this.clipping;
      changed = true;
    }
    const second = Math.floor(this.clock.now() / 1000);
    if (second !== this.seenSecond) {
      this.seenSecond = second;
      changed = true;
    }
    if (changed) this.rev++;
    return this.rev;
  }

  /** Something the view shows changed (a model, a bank, a toast, a setting). */
  private touch(): void {
    this.rev++;
  }

  /** The process's health, for the web server's read-only stats (bench:soak-start reads it). */
  health(): HostHealth {
    this.system.sample();
    const m = process.memoryUsage();
    const tasks: Record<string, { runs: number; misses: number }> = {};
    for (const [id, t] of Object.entries({ ...this.scheduler.metrics(), ...this.engine.tasks() })) tasks[id] = { runs: t.runs, misses: t.misses };
    return {
      uptimeS: (performance.now() - this.startedMs) / 1000,
      cpuPercent: this.system.cpuPercent,
      memory: { rssBytes: m.rss, heapUsedBytes: m.heapUsed, arrayBuffersBytes: m.arrayBuffers, externalBytes: m.external, ...controlHeap(this.engine.threadHeapBytes()) },
      xruns: this.engine.audio.xruns,
      deadlineMisses: this.deadlineMisses(),
      tasks,
    };
  }

  /** Reads the bank list once at boot (and after an install); entries A and B are the first bank's first two. */
  async refreshBanks(): Promise<void> {
    const found = await readBankList(this.bankCache);
    this.banks = [];
    this.bankPaths = new Map();
    for (const b of found.filter((x) => !x.problem && x.id)) {
      const { bank } = await this.bankCache.read(b.path);
      this.banks.push({ id: bank.id, name: bank.name, entries: bank.entries.map((e) => e.name) });
      if (!this.bankPaths.has(bank.id)) this.bankPaths.set(bank.id, b.path);
    }
    if (!this.bankState.bankA && this.banks[0]) {
      const first = this.banks[0];
      this.bankState = { bankA: first.id, bankB: first.id, entryA: first.entries[0] ?? null, entryB: first.entries[1] ?? first.entries[0] ?? null };
    }
    this.touch();
  }

  view(): HostView {
    const rack = this.c.resolve(Tokens.Rack).config;
    const scan = this.engine.inputs.latest();
    const assignments = [rack.assignments.cv1, rack.assignments.cv2, rack.assignments.cv3, rack.assignments.cv4];
    this.system.sample();
    const frames = this.shownCurves(this.engine.frames);
    const playing = this.engine.playing;
    return {
      phase: this.loadingId ? 'loading' : 'ready',
      boot: { progress: 1, step: 'ready' },
      model: { id: playing, name: playing ?? 'additive (no model installed)', loadingId: this.loadingId, ...modelInputs(this.engine.stats()) },
      models: this.installed.map((m): ModelRow => ({
        id: m.id, name: m.id, source: m.source === 'builtin' ? 'builtin' : 'imported',
        status: this.loadingId === m.id ? 'loading' : this.modelErrors.has(m.id) ? 'error' : m.id === playing ? 'ready' : 'available',
        rtf: this.rtfs.get(m.id) ?? null, ...(this.modelErrors.has(m.id) ? { error: this.modelErrors.get(m.id)! } : {}),
      })),
      bank: { id: this.bankState.bankA, ...this.bankState, preview: this.preview && { ...this.preview } },
      banks: this.banks,
      community: this.communityView(),
      cvs: rack.devices.cvAdc.jacks.map((j, i) => {
        const volts = scan.jacks.find((r) => r.jack === j.jack)?.volts ?? 0;
        const [lo, hi] = j.range === 'unipolar-10v' ? [0, 10] : [-5, 5];
        return { jack: j.jack, volts, mapping: MAPPING_NAMES[assignments[i] ?? ''] ?? assignments[i] ?? '-', normalised: Math.min(1, Math.max(0, (volts - lo) / (hi - lo))) };
      }),
      gates: [1, 2].map((jack) => ({ jack, high: this.gateState.get(jack)?.high ?? false, lastEdgeMs: this.gateState.get(jack)?.lastEdgeMs ?? null, mode: jack === 1 ? rack.assignments.gate1 : rack.assignments.gate2 })),
      curves: { names: [...DESCRIPTOR_ORDER], frames, playhead: this.engine.playhead >= 0 ? this.engine.playhead : null, outside: this.outside(this.engine.frames, trainingRanges(playing, this.installed)) },
      follow: this.followView(),
      output: { levelDb: toDb(this.level), peakDb: toDb(this.peak), clipping: this.clipping },
      params: [
        { id: 'volume', name: 'Volume', value: this.volume, min: 0, max: 1, step: 0.05, unit: '' },
        { id: 'polyphony', name: 'Polyphony', value: rack.audio.polyphony, min: 1, max: 8, step: 1, unit: 'voices' },
        { id: 'block-size', name: 'Block size', value: rack.audio.blockSize, min: 64, max: 512, step: 64, unit: 'frames', choices: [64, 128, 256, 512] },
      ],
      assignments: { cv: assignments, gate: [rack.assignments.gate1, rack.assignments.gate2], mappings: Object.entries(MAPPING_NAMES).map(([id, name]) => ({ id, name })) },
      calibration: { jacks: rack.devices.cvAdc.jacks.map((j) => ({ jack: j.jack, range: j.range, offset: j.calibration.offset, gain: j.calibration.gain })) },
      stats: {
        cpuPercent: this.system.cpuPercent, memoryMb: this.system.rssMb, temperatureC: this.system.temperatureC, xruns: this.engine.audio.xruns - this.statsBase.xruns,
        inferenceMs: this.engine.stats().lastRenderMs, ...this.missesSinceReset(), uptimeS: (performance.now() - this.startedMs) / 1000,
      },
      about: { hostVersion, profile: rack.name, board: rack.board, plugins: this.c.resolve(Tokens.Plugins).list().length, address: this.webAddress },
      toasts: [...this.toasts],
    };
  }

  toast(text: string, level: ToastView['level'] = 'error', code?: string): void {
    this.toasts.push({ id: String(++this.toastSeq), level, text, timeMs: performance.now(), ...(code ? { code } : {}) });
    if (this.toasts.length > 8) this.toasts.shift();
    this.touch();
  }

  async selectModel(id: string): Promise<void> {
    await this.switchModel(id, false);
  }

  async selectTimbre(name: string): Promise<void> {
    this.refuseIfStopped();
    await this.engine.useTimbre(name);
    this.touch();
  }

  async reloadModel(): Promise<void> {
    const playing = this.engine.playing;
    if (playing) await this.switchModel(playing, true);
  }

  async runBenchmark(id: string): Promise<{ rtf: number }> {
    this.refuseIfStopped();
    this.installed = installedModels();
    const frames = Array.from({ length: 87 }, (_, t) => [0.1 * Math.exp(-t / 20), 0.05, 3000, 0.01, 2000, 1500, 110]);
    const t0 = performance.now();
    const audio = await this.real(this.engine.render(id, frames, 1));
    const rtf = (performance.now() - t0) / 1000 / (audio.length / MODEL_RATE);
    this.rtfs.set(id, rtf);
    this.touch();
    return { rtf };
  }

  /** A model was installed on disk (the panel's upload): the Models page and the panel list it from now on. */
  refreshModels(): void {
    this.installed = installedModels();
    this.touch();
  }

  /** The browser panel is served at `address` (shown on the About page), or no longer (null). */
  setWebAddress(address: string | null): void {
    this.webAddress = address;
    this.touch();
  }

  async browseCommunity(registry?: string): Promise<void> {
    const at = registry ?? this.community.registries()[0];
    if (!at) throw new NeurorackError('NR_BANK_REGISTRY_UNKNOWN', 'the rack names no bank registry (banks.registries); add one from the panel');
    const listed = await this.real(this.community.list(at));
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

  /** Deadline misses per task since the last reset: in all and the tasks that missed. */
  private missesSinceReset(): { deadlineMisses: number; missedTasks: Array<{ id: string; misses: number }> } {
    const missedTasks: Array<{ id: string; misses: number }> = [];
    let deadlineMisses = 0;
    for (const [id, t] of Object.entries(this.allTasks())) {
      const misses = t.misses - (this.statsBase.misses.get(id) ?? 0);
      if (misses <= 0) continue;
      deadlineMisses += misses;
      missedTasks.push({ id, misses });
    }
    missedTasks.sort((a, b) => b.misses - a.misses || a.id.localeCompare(b.id));
    return { deadlineMisses, missedTasks };
  }

  private allTasks(): Record<string, { misses: number }> {
    return { ...this.scheduler.metrics(), ...this.engine.tasks() };
  }

  /** The statistics page's xruns and deadline misses count from now (the health report keeps its totals). */
  async resetStats(): Promise<void> {
    const misses = new Map<string, number>();
    for (const [id, t] of Object.entries(this.allTasks())) misses.set(id, t.misses);
    this.statsBase = { xruns: this.engine.audio.xruns, misses };
    this.touch();
  }

  /** Misses of every scheduler: this thread's and the control thread's. */
  private deadlineMisses(): number {
    let n = this.scheduler.totalMisses();
    for (const t of Object.values(this.engine.tasks())) n += t.misses;
    return n;
  }

  /**
   * Loads `id` in the background (the current model keeps playing), then crossfades to it.
   * `fresh` reads it from disk again (reload) instead of reusing the loaded copy.
   */
  private async switchModel(id: string, fresh: boolean): Promise<void> {
    this.refuseIfStopped();
    this.installed = installedModels();
    if (!this.installed.some((m) => m.id === id)) throw new NeurorackError('NR_PLUGIN_NOT_FOUND', `no installed model "${id}"`);
    this.loadingId = id;
    this.touch();
    try {
      await this.real(this.engine.useModel(id, fresh));
      this.modelErrors.delete(id);
      await this.save({ model: id });
    } catch (err) {
      this.modelErrors.set(id, (err as Error).message);
      throw err;
    } finally {
      this.loadingId = null;
      this.touch();
    }
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

  /** Real work (loading, rendering, reading files): on a virtual clock, time stands still meanwhile. */
  private real<T>(work: Promise<T>): Promise<T> {
    return holdRealWork(this.c.resolve(Tokens.Clock), work);
  }

  /** Sets one slot to an entry of any bank; the other slot keeps its entry and bank. Ends a preview. */
  async chooseEntry(slot: 'A' | 'B', bankId: string, entry: string): Promise<void> {
    if (!this.banks.some((b) => b.id === bankId)) throw new NeurorackError('NR_BANK_NOT_FOUND', `no bank "${bankId}"`);
    await this.entryFrames(bankId, entry);
    this.bankState = slot === 'A' ? { ...this.bankState, bankA: bankId, entryA: entry } : { ...this.bankState, bankB: bankId, entryB: entry };
    this.preview = null;
    this.touch();
    await this.playChosen();
    await this.save({ ...this.bankState });
  }

  /**
   * Plays an entry once in place of A and B without changing them: it stays loaded until
   * `endPreview` (the performer leaves the entry list) or a new choice of A or B.
   */
  async previewEntry(bankId: string, entry: string): Promise<void> {
    const frames = await this.entryFrames(bankId, entry);
    this.preview = { bank: bankId, entry };
    this.touch();
    this.engine.setEntries(frames, frames);
    this.engine.trigger();
  }

  /** A and B play again as chosen, if an entry was being previewed. */
  async endPreview(): Promise<void> {
    if (!this.preview) return;
    this.preview = null;
    this.touch();
    await this.playChosen();
  }

  private async playChosen(): Promise<void> {
    const { bankA, entryA, bankB, entryB } = this.bankState;
    if (!bankA || !entryA || !bankB || !entryB) return;
    const [a, b] = await Promise.all([this.entryFrames(bankA, entryA), this.entryFrames(bankB, entryB)]);
    this.engine.setEntries(a, b);
  }

  private async entryFrames(bankId: string, entry: string): Promise<DescriptorFrames> {
    const { bank } = await this.real(this.bankPath(bankId).then((path) => this.bankCache.read(path)));
    const found = bank.entries.find((e) => e.name === entry)?.frames;
    if (!found) throw new NeurorackError('NR_BANK_NOT_FOUND', `bank "${bankId}" has no entry "${entry}"`);
    return found;
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
    const rack = this.c.resolve(Tokens.Rack).config;
    const j = rack.devices.cvAdc.jacks.find((x) => x.jack === jack);
    if (!j) throw new NeurorackError('NR_CALIBRATION_REFUSED', `CV ${jack} is not configured`);
    const out: number[] = [];
    const clock = this.c.resolve(Tokens.Clock);
    for (let i = 0; i < count; i++) {
      const volts = this.engine.inputs.latest().jacks.find((r) => r.jack === jack)?.volts ?? 0;
      out.push(volts / j.calibration.gain + j.calibration.offset);
      await clock.sleep(5);
    }
    return out;
  }

  /**
   * Applies the calibration at once (the ADC reads it per scan) and saves it in the state folder
   * (it takes the place of the rack's at the next start); without one it lasts this session.
   */
  async storeCalibration(jack: number, calibration: { offset: number; gain: number }): Promise<void> {
    const rack = this.c.resolve(Tokens.Rack);
    const j = rack.config.devices.cvAdc.jacks.find((x) => x.jack === jack);
    if (!j) throw new NeurorackError('NR_CALIBRATION_REFUSED', `CV ${jack} is not configured`);
    j.calibration = { ...calibration };
    this.engine.setCalibration(jack, calibration);
    this.touch();
    if (!this.state) {
      this.toast(`CV ${jack} calibrated for this session; no state folder to keep it in`, 'warn');
      return;
    }
    await this.state.saveCalibration({ jack, ...calibration });
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
    const { bankA, entryA, bankB, entryB } = settings;
    if (!entriesGiven && bankA && entryA && bankB && entryB) {
      try {
        await this.entryFrames(bankA, entryA);
        await this.entryFrames(bankB, entryB);
        this.bankState = { bankA, entryA, bankB, entryB };
        await this.playChosen();
      } catch (err) {
        this.toast(`the saved entries ${bankA}/${entryA} and ${bankB}/${entryB} are not available any more: ${(err as Error).message}`, 'warn', (err as NeurorackError).code);
      }
    }
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
    const i = this.toasts.findIndex((t) => t.id === id);
    if (i >= 0) this.toasts.splice(i, 1);
    this.touch();
  }

  async shutdown(): Promise<void> {
    this.onPower('shutdown');
  }

  async reboot(): Promise<void> {
    this.onPower('reboot');
  }

  /** The listed bank's path; a bank installed since the last listing is found by listing again. */
  private async bankPath(id: string): Promise<string> {
    if (!this.bankPaths.has(id)) await this.refreshBanks();
    const path = this.bankPaths.get(id);
    if (!path) throw new NeurorackError('NR_BANK_NOT_FOUND', `no bank "${id}"`);
    return path;
  }
}

/** Every shipped and user bank, each read (parsed, validated) into `cache`. */
export function readBankList(cache: BankCache): ReturnType<typeof listBanks> {
  return listBanks([{ origin: 'shipped', dir: paths.descriptorBanks }, { origin: 'user', dir: userBanksDir() }], (path) => cache.read(path));
}

function controlHeap(bytes: number | null): { controlHeapUsedBytes?: number } {
  return bytes === null ? {} : { controlHeapUsedBytes: bytes };
}

/** The meter's floor: -120 dB, what `toDb` shows for anything quieter. */
const SILENT = 1e-6;

function toDb(x: number): number {
  return x > 1e-6 ? 20 * Math.log10(x) : -120;
}

/** What the screen shows of the playing model's stats: its out-of-range flag and timbres, when it has them. */
function modelInputs(stats: EngineStats): { outOfRange?: boolean; timbres?: readonly string[]; timbre?: string } {
  return { ...(stats.inputs ? { outOfRange: stats.inputs.lastRenderOutOfRange } : {}), ...(stats.timbres ? { timbres: stats.timbres, timbre: stats.timbre } : {}) };
}
