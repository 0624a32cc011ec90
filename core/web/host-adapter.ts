import type { RackConfig } from '../config/rack-config';
import type { CvScan } from '../devices/cv-adc/cv-adc';
import { NeurorackError } from '../errors/neurorack-error';
import { WebBanks, type BankFolders } from './web-banks';
import type { Audition, CommunityPort, ControlEvent, HostStats, ModelInfo, ModelRegistryPort, ModelsPort, PanelFollow, PanelInfo, PanelState, WebHost } from './web-host';

/**
 * The pieces of a running host the web page uses, each typed by the narrowest contract it needs so
 * the composition root can pass what exists. A missing optional piece makes the matching page
 * feature answer NR_WEB_HOST_NOT_WIRED (controls, audition) or stay empty (screen, audio); the
 * rest keeps working.
 */
export interface HostParts {
  readonly rack: RackConfig;
  /** Applies a control event at the emulated chips, exactly as the replay runner applies a replay event. */
  readonly panel?: { apply(event: ControlEvent): void };
  /** The CV driver: its last scan (no bus traffic). */
  readonly cvAdc?: { latest(): CvScan };
  /** The gate driver: debounced levels and, where it reports them, each edge (so short gates are not lost between state messages). */
  readonly gates?: { isHigh(jack: number): boolean; onEdge?(listener: (e: { readonly jack: number; readonly edge: 'rising' | 'falling' }) => void): () => void };
  /**
   * The ST7789 emulator behind the display driver (St7789Emulator fits). With `frames` (a count
   * of the frames the chip received) the screen is read only after a new frame came in; without
   * it every poll reads and compares the whole framebuffer.
   */
  readonly screen?: { readRgba(out?: Uint8ClampedArray): Uint8ClampedArray; readonly frames?: number };
  /** The audio path's output: mono Float32 blocks at `sampleRate` (default rack.devices.audioOut.sampleRate). */
  readonly audio?: { readonly sampleRate?: number; onBlock(listener: (block: Float32Array) => void): () => void };
  /** The current model, for audition: renders a [frames][7] curve to mono audio. */
  readonly model?: {
    readonly name: string;
    readonly sampleRate: number;
    render(frames: number[][], seed: number): Promise<Float32Array>;
    /** The playing model's name and training ranges, read when the designer asks (the model may have changed). */
    info?(): ModelInfo;
  };
  readonly banks: BankFolders;
  /** Shows (or with undefined hides) the pairing code on the module's screen. */
  readonly showPairingCode?: (code: string | undefined) => void;
  /** Shows a pairing lockout (who, how many wrong codes, the code) on the module's screen. */
  readonly showPairingAlert?: (text: string) => void;
  /** How often the screen emulator is compared with the last frame sent (default 50 ms), while anyone listens. */
  readonly screenPollMs?: number;
  /** The host's health figures (GET /api/stats). */
  readonly stats?: () => HostStats;
  /** The follow meter's newest reading (null before the first). */
  readonly follow?: () => PanelFollow | null;
  /** Community bank registries (the host's CommunityBanks). */
  readonly community?: CommunityPort;
  /** The installed models and the playing one's timbres (the host's own model choice). */
  readonly models?: ModelsPort;
  /** Model registries and installs from them (the host's ModelInstalls). */
  readonly modelRegistries?: ModelRegistryPort;
}

/** Builds the WebHost over the real host's pieces (see HostParts). */
export function createHostAdapter(parts: HostParts): WebHost {
  const banks = new WebBanks(parts.banks);
  const screenListeners = new Set<(rgba: Uint8ClampedArray) => void>();
  let lastScreen: Uint8ClampedArray | undefined;
  /**
   * The array the next read fills: the screen is read into two arrays in turn (the last frame and
   * this one), never a new one. A fresh 230 KB array a read, 20 reads a second under moving CVs,
   * lived long enough to be collected only by full collections: the host's resident memory swung
   * by tens of megabytes and stayed at the top of the swing (a 60-minute soak with a panel client).
   */
  let spareScreen: Uint8ClampedArray | undefined;
  /** The chip's frame count when the screen was last read (NaN: never, or the chip does not count). */
  let readAtFrame = Number.NaN;
  let poll: NodeJS.Timeout | undefined;
  const { cvAdc: cvConfig, gates: gateConfig, audioOut } = parts.rack.devices;

  const info: PanelInfo = {
    cvJacks: cvConfig.jacks.map((j) => ({ jack: j.jack, min: j.range === 'unipolar-10v' ? 0 : -5, max: j.range === 'unipolar-10v' ? 10 : 5 })),
    gateJacks: gateConfig.jacks.map((j) => j.jack),
    audioRate: parts.audio?.sampleRate ?? audioOut.sampleRate,
    screen: { width: 240, height: 240 },
    ...(parts.model ? { model: parts.model.name } : {}),
  };

  const rises = new Map<number, number>();
  const edgeListeners = new Set<() => void>();
  parts.gates?.onEdge?.((e) => {
    if (e.edge === 'rising') rises.set(e.jack, (rises.get(e.jack) ?? 0) + 1);
    for (const l of edgeListeners) l();
  });

  const readScreen = (): void => {
    if (!parts.screen) return;
    const frames = parts.screen.frames;
    if (frames !== undefined && frames === readAtFrame && lastScreen) return; // nothing new came in
    readAtFrame = frames ?? Number.NaN;
    const rgba = parts.screen.readRgba(spareScreen);
    if (lastScreen && Buffer.compare(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), Buffer.from(lastScreen.buffer, lastScreen.byteOffset, lastScreen.byteLength)) === 0) {
      spareScreen = rgba;
      return;
    }
    spareScreen = lastScreen;
    lastScreen = rgba;
    for (const l of screenListeners) l(rgba);
  };

  return {
    info: () => info,
    apply(event) {
      if (!parts.panel) throw notWired('controls', 'HostParts.panel (the replay runner\'s event injector)');
      parts.panel.apply(event);
    },
    state(): PanelState {
      const scan = parts.cvAdc?.latest();
      return {
        cv: info.cvJacks.map(({ jack }) => {
          const r = scan?.jacks.find((j) => j.jack === jack);
          return { jack, volts: r?.volts ?? 0, fresh: r?.fresh ?? false };
        }),
        gates: info.gateJacks.map((jack) => ({ jack, high: parts.gates?.isHigh(jack) ?? false, rises: rises.get(jack) ?? 0 })),
        ...(parts.follow ? { follow: followOf(parts.follow()) } : {}),
      };
    },
    onScreenFrame(listener) {
      screenListeners.add(listener);
      if (!poll && parts.screen) poll = setInterval(readScreen, parts.screenPollMs ?? 50);
      return () => {
        screenListeners.delete(listener);
        if (screenListeners.size === 0 && poll) {
          clearInterval(poll);
          poll = undefined;
        }
      };
    },
    latestScreen() {
      readScreen(); // cheap when the chip counts frames and none came in
      return lastScreen;
    },
    onAudioBlock(listener) {
      return parts.audio ? parts.audio.onBlock(listener) : () => undefined;
    },
    listBanks: () => banks.list(),
    readEntry: (bankId, entry) => banks.read(bankId, entry),
    async audition(frames, seed): Promise<Audition> {
      if (!parts.model) throw notWired('audition', 'HostParts.model (the current model plugin)');
      return { sampleRate: parts.model.sampleRate, samples: await parts.model.render(frames, seed) };
    },
    saveEntry: (request) => banks.save(request),
    importBank: (bytes, options) => banks.import(bytes, options.force),
    exportBank: (bankId) => banks.export(bankId),
    showPairingCode(code) {
      parts.showPairingCode?.(code);
    },
    showPairingAlert(text) {
      parts.showPairingAlert?.(text);
    },
    ...(parts.gates?.onEdge ? {
      onGateEdge(listener: () => void) {
        edgeListeners.add(listener);
        return () => void edgeListeners.delete(listener);
      },
    } : {}),
    ...(parts.model?.info ? { modelInfo: parts.model.info } : {}),
    ...(parts.community ? { community: parts.community } : {}),
    ...(parts.models ? { models: parts.models } : {}),
    ...(parts.modelRegistries ? { modelRegistries: parts.modelRegistries } : {}),
    stats() {
      if (!parts.stats) throw notWired('stats', 'HostParts.stats (the host\'s health figures)');
      return parts.stats();
    },
  };
}

function notWired(feature: string, part: string): NeurorackError {
  return new NeurorackError('NR_WEB_HOST_NOT_WIRED', `${feature}: not available, the host was started without ${part}`);
}

/** Only what the panel shows, so the state message (compared as text) changes when a reading does. */
function followOf(f: PanelFollow | null): PanelFollow | null {
  return f && { r: f.r, worst: f.worst && { name: f.worst.name, r: f.worst.r }, version: f.version };
}
