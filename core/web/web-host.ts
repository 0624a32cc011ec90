import type { UnderrunRecord } from '../devices/audio-out/shared-pcm-ring';

/**
 * What the browser panel and the curve designer need from the running module. The web server only
 * talks to this contract, so its tests use a small fake and `neurorack start` passes the adapter
 * over the real host (host-adapter.ts).
 */

/**
 * A control as a performer moves it: exactly the replay event of schemas/replay.schema.json without
 * its time. It enters at the emulated chips (a CV sets the ADS1015 emulator's pin voltage, a gate
 * the gate's ADC channel, the encoder the MS51 count, the button the GPIO line), so the page
 * exercises the same driver code as a replay. The panel's encoder click is the push button, as on
 * the v1 module whose only switch is the menu-select button.
 */
export type ControlEvent =
  | { readonly type: 'cv'; readonly jack: number; readonly volts: number }
  | { readonly type: 'gate'; readonly jack: number; readonly state: 'high' | 'low' }
  | { readonly type: 'encoder'; readonly delta: number }
  | { readonly type: 'button'; readonly state: 'down' | 'up' };

/** One CV jack as the panel draws it: its knob range follows the jack's configured range. */
export interface PanelCvJack {
  readonly jack: number;
  readonly min: number;
  readonly max: number;
}

/** The fixed facts of the panel, read once by the page. */
export interface PanelInfo {
  readonly cvJacks: readonly PanelCvJack[];
  readonly gateJacks: readonly number[];
  /** Rate of the blocks `onAudioBlock` delivers (the output rate, e.g. 48000). */
  readonly audioRate: number;
  readonly screen: { readonly width: number; readonly height: number };
  /** The current model's name, when one is loaded. */
  readonly model?: string;
}

/** What the drivers read back now: CV volts after conversion and calibration, gate levels. */
export interface PanelState {
  readonly cv: ReadonlyArray<{ readonly jack: number; readonly volts: number; readonly fresh: boolean }>;
  /**
   * Gate levels, and how many rising edges each gate has seen since the host started: a gate
   * that went high and low between two state messages still counts, so the page can show it.
   */
  readonly gates: ReadonlyArray<{ readonly jack: number; readonly high: boolean; readonly rises: number }>;
  /** The follow meter: how closely the newest measured render followed its asked curves (absent where the host has no meter, null before the first reading). */
  readonly follow?: PanelFollow | null;
}

/** The follow meter's reading as the panel shows it: mean Pearson r of log descriptors and the descriptor followed least. */
export interface PanelFollow {
  readonly r: number | null;
  readonly worst: { readonly name: string; readonly r: number } | null;
  readonly version: number;
}

/** One descriptor as the playing model was trained on it (its manifest's descriptors[]). */
export interface ModelDescriptorRange {
  readonly name: string;
  readonly unit: string;
  readonly trainMin: number;
  readonly trainMax: number;
}

/** The playing model, for the curve designer: its name and the range of each descriptor it was trained on. */
export interface ModelInfo {
  readonly name: string;
  readonly descriptors: readonly ModelDescriptorRange[];
}

/** One bank as the designer lists it. Invalid banks show with their problem instead of entries. */
export interface BankView {
  readonly id: string;
  readonly name: string;
  readonly origin: 'shipped' | 'user';
  /** Only user banks take new entries. */
  readonly writable: boolean;
  readonly entries: readonly string[];
  readonly problem?: string;
}

/** One entry's seven curves: `frames[t][k]` is descriptor k (in `descriptors` order) at frame t. */
export interface EntryCurves {
  readonly bankId: string;
  readonly entry: string;
  readonly descriptors: ReadonlyArray<{ readonly name: string; readonly unit: string; readonly min: number; readonly max: number }>;
  /** Descriptor frames per second (22050 / 512). */
  readonly frameRate: number;
  readonly frames: readonly (readonly number[])[];
}

/** A designed curve to store as an entry of a user bank (created when it does not exist yet). */
export interface SaveEntryRequest {
  readonly bankId: string;
  readonly entry: string;
  readonly frames: number[][];
  readonly tags?: string[];
  /** Replace an entry of the same name instead of refusing. */
  readonly overwrite?: boolean;
}

export interface SavedEntry {
  readonly bankId: string;
  readonly entry: string;
  readonly file: string;
}

/** Audio rendered by the current model from a curve, mono. */
export interface Audition {
  readonly sampleRate: number;
  readonly samples: Float32Array;
}

/** The running host's health, as GET /api/stats reports it (read-only; bench:soak-start reads it). */
export interface HostStats {
  readonly uptimeS: number;
  /** The host's own sample: percent of one core over the last second. */
  readonly cpuPercent: number;
  /**
   * process.memoryUsage() of the host's main thread, bytes (rss covers the whole process), and the
   * control thread's JS heap where the instrument runs on one (its isolate is not in the others).
   */
  readonly memory: { readonly rssBytes: number; readonly heapUsedBytes: number; readonly arrayBuffersBytes: number; readonly externalBytes: number; readonly controlHeapUsedBytes?: number };
  readonly xruns: number;
  /**
   * The latest underruns' circumstances where the device keeps them (the emulated card), oldest
   * first: when the period was due (ms since the epoch), how late the card looked, and how long
   * before the due time the audio worker last wrote and last woke (see UnderrunRecord).
   */
  readonly underruns: readonly UnderrunRecord[];
  /** Deadline misses of every scheduler task together, as the stats page shows them. */
  readonly deadlineMisses: number;
  /** Runs and misses per scheduler task (`engine-audio` is the audio path's). */
  readonly tasks: Readonly<Record<string, { readonly runs: number; readonly misses: number }>>;
  /** The screen: frames drawn, pushed to the display, and ticks that drew nothing. */
  readonly screen?: { readonly frames: number; readonly pushed: number; readonly idle: number };
}

/**
 * The running module as the web server sees it.
 *
 * Obligations:
 * - `apply(event)` takes an event already checked by the server (types, jack numbers, ranges from
 *   `info()`) and hands it to the emulated chips without waiting; it throws a NeurorackError only
 *   when the feature is not wired (NR_WEB_HOST_NOT_WIRED). It never stops the audio.
 * - `onScreenFrame` calls back with the 240x240 RGBA framebuffer only when it changed; the array
 *   may be reused by the host after the call returns. `latestScreen()` is the last frame, if any.
 * - `onAudioBlock` calls back with each output block (mono Float32 at `info().audioRate`) from the
 *   audio path; the callback must not block (the server copies and queues or drops).
 * - `state()` is cheap and synchronous: values the drivers read last, no bus traffic.
 * - Bank methods validate everything (names, schema, values) and throw NeurorackErrors with codes
 *   from the catalogue; writes are atomic; nothing ever leaves the banks folders.
 * - `showPairingCode(code)` shows the code on the module's screen (undefined hides it).
 * - `showPairingAlert(text)` shows a pairing lockout on the module's screen (it names the code).
 * - `stats()` is cheap and synchronous; it throws NR_WEB_HOST_NOT_WIRED where the host has none.
 * - `onGateEdge` calls back synchronously at each edge, without arguments; the listener reads `state()`.
 */
export interface WebHost {
  info(): PanelInfo;
  apply(event: ControlEvent): void;
  state(): PanelState;
  onScreenFrame(listener: (rgba: Uint8ClampedArray) => void): () => void;
  latestScreen(): Uint8ClampedArray | undefined;
  onAudioBlock(listener: (block: Float32Array) => void): () => void;
  listBanks(): Promise<BankView[]>;
  readEntry(bankId: string, entry: string): Promise<EntryCurves>;
  audition(frames: number[][], seed: number): Promise<Audition>;
  saveEntry(request: SaveEntryRequest): Promise<SavedEntry>;
  /** Installs a packed bank (.nrbank bytes) into the user banks; `force` replaces one with the same id. */
  importBank(bytes: Uint8Array, options: { force: boolean }): Promise<{ bankId: string; entries: number }>;
  /** Packs a bank (shipped or user) into .nrbank bytes. */
  exportBank(bankId: string): Promise<Uint8Array>;
  showPairingCode(code: string | undefined): void;
  showPairingAlert(text: string): void;
  stats(): HostStats;
  /** Calls back at each gate edge (so the server can send the state at once); absent where the host reports none. */
  onGateEdge?(listener: () => void): () => void;
  /** The playing model's training ranges (GET /api/model); absent where the host has no model. */
  modelInfo?(): ModelInfo;
  /** Community bank registries (the /api/registries routes); absent where the host has none. */
  readonly community?: CommunityPort;
  /** The installed models and the playing one's timbres (the /api/models routes); absent where the host has none. */
  readonly models?: ModelsPort;
  /** Model registries and installs from them (the /api/models/registries routes); absent where the host has none. */
  readonly modelRegistries?: ModelRegistryPort;
}

/** The models as the panel lists them: every installed one, the playing one, and its timbres. */
export interface PanelModels {
  readonly playing: string | null;
  /** A model loading in the background while `playing` keeps playing. */
  readonly loading: string | null;
  readonly models: ReadonlyArray<{ readonly id: string; readonly name: string; readonly status: string; readonly rtf: number | null }>;
  /** The playing model's timbres (empty for a model without a latent) and the one it plays. */
  readonly timbres: readonly string[];
  readonly timbre: string | null;
}

/** The host's model choice as the panel reaches it: the same requests as the module's Models page (HostActions). */
export interface ModelsPort {
  view(): PanelModels;
  select(id: string): Promise<void>;
  selectTimbre(name: string): Promise<void>;
  /**
   * Installs the .nrmodel at `file` (a temporary file the server wrote and removes afterwards) as
   * `neurorack model install` does: verified before anything is written, moved into place whole,
   * refused with the install's error codes; `view()` lists the model as soon as this resolves.
   * Absent where the host cannot install models.
   */
  install?(file: string, options: { readonly force: boolean }): Promise<{ readonly id: string; readonly runtime: string; readonly reloaded?: boolean }>;
}

/**
 * The host's community banks as the panel reaches them (core/host/community-banks.ts fits): a
 * registry must be one of `registries()`; installs are `bank install ID --registry`'s own code.
 */
export interface CommunityPort {
  registries(): readonly string[];
  setRegistries(list: unknown): Promise<{ registries: readonly string[]; saved: boolean }>;
  list(registry: string): Promise<{ registry: string; banks: ReadonlyArray<{ id: string; name: string; version: string; author: string; licence: string; description: string; entries: number; size: number }> }>;
  preview(registry: string, bankId: string): Promise<{ id: string; name: string; entries: ReadonlyArray<{ name: string; curves: number[][] }> }>;
  install(registry: string, bankId: string, force?: boolean): Promise<{ id: string; contentHash: string; entries: number }>;
  readonly progress: { readonly bankId: string; readonly phase: string; readonly fraction: number; readonly error?: string } | null;
}

/** One model a registry offers (its newest version), as the panel lists it. */
export interface PanelRegistryModel {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly runtime: string;
  readonly author: string;
  readonly licence: string;
  readonly description: string;
  /** Bytes of its .nrmodel, as the index lists them. */
  readonly size: number;
  /** A model with this id is installed. */
  readonly installed: boolean;
  /** A model plugin of this host offers its runtime. */
  readonly runtimeAvailable: boolean;
}

/**
 * The host's model registries as the panel reaches them (core/host/model-installs.ts fits): a
 * registry must be one of `registries()` (the rack's model.registries); an install is `neurorack
 * model install ID --registry URL`'s own code, and resolves once the model is listed (and, where it
 * replaced the model playing, once the new copy plays).
 */
export interface ModelRegistryPort {
  registries(): readonly string[];
  setRegistries(list: unknown): Promise<{ registries: readonly string[]; saved: boolean }>;
  list(registry: string): Promise<{ registry: string; models: readonly PanelRegistryModel[] }>;
  installFromRegistry(registry: string, id: string, force?: boolean): Promise<{ id: string; runtime: string; reloaded: boolean }>;
}
