import type { GateStages } from '../../engine/gate-stages';
import type { CvScan } from '../../devices/cv-adc/cv-adc';
import type { GateEvent } from '../../devices/gate/gate-inputs';
import type { AudioObserver } from '../../engine/audio-thread';
import type { DescriptorFrames } from '../../engine/descriptor-frames';
import type { RenderSample } from '../../engine/render-sampler';
import type { TaskMetrics } from '../../scheduler/deadline-stats';
import type { ModelInputReport } from '../../model-runtime/model-runtime';
import type { ControlBootMarks } from './control-protocol';

/** The gates and CVs as the screen, the panel and the menu read them. */
export interface ControlInputs {
  latest(): CvScan;
  isHigh(jack: number): boolean;
  onEdge(listener: (event: GateEvent) => void): () => void;
}

/** The render engine's counters. */
export interface EngineStats {
  readonly renders: number;
  readonly failures: number;
  /** The renderer playing (a model id, or the additive fallback's). */
  readonly modelId: string;
  readonly lastRenderMs: number;
  /** How the playing model's inputs fared (descriptors outside its training range, state resets), when it reports them. */
  readonly inputs?: ModelInputReport;
  /** The playing model's timbres and the one it plays, for a model with a latent. */
  readonly timbres?: readonly string[];
  readonly timbre?: string;
}

/**
 * The playing instrument as the rest of the host uses it, wherever it runs: CV scans, gates,
 * mappings, renders and triggers either on a control thread of their own (the real clock) or on
 * the main thread (a virtual clock, which no other thread can keep). The screen, the web server,
 * the menu and replays use only this.
 *
 * Obligations: commands (`setEntries`, `trigger`, `setVolume`, `setCalibration`) return at once
 * and apply in order; reads (`inputs`, `frames`, `playhead`, `stats`) never wait for the control
 * side; `useModel` resolves once the model plays (the current one plays until then) and rejects
 * with the load's error; `stop` releases every thread and model.
 */
export interface EngineControl {
  readonly inputs: ControlInputs;
  readonly audio: AudioObserver;
  /** The descriptor curves the current render was asked for ([frames][7]), if any yet. */
  readonly frames: DescriptorFrames | undefined;
  /** Where playback reads from, 0..1, or -1 before the first control pass. */
  readonly playhead: number;
  /** Whether the control thread got its raised priority (null: the instrument runs on the main thread). */
  readonly raisedPriority: boolean | null;
  /** When the control thread reached each step of its boot, epoch ms (null: the instrument runs on the main thread). */
  readonly bootMarks: ControlBootMarks | null;
  /** The installed model playing (null: the additive fallback, none loaded). */
  readonly playing: string | null;
  stats(): EngineStats;
  /** The JS heap of the thread the instrument runs on when it is not the main thread, bytes (null inline). */
  threadHeapBytes(): number | null;
  /** Scheduler tasks run outside the main thread's scheduler (none inline). */
  tasks(): Record<string, TaskMetrics>;
  /** Called after each control pass that changed something: the scan time it used and the render version that holds it. */
  onControl(listener: (scanTimeMs: number, version: number) => void): void;
  /** Called for every trigger once it has played: where its time went (replay metrics, benchmarks). */
  onGateStages(listener: (stages: GateStages) => void): void;
  setEntries(a: DescriptorFrames, b: DescriptorFrames): void;
  useModel(id: string, fresh: boolean): Promise<void>;
  /**
   * The playing model plays timbre `name` (LoadedModel.selectTimbre): the sound re-renders at once
   * and voices crossfade, as after a model switch. Rejects with NR_TIMBRE_NOT_FOUND for a name the
   * model lacks and NR_TIMBRE_UNSUPPORTED for a model without timbres; nothing changes then.
   */
  useTimbre(name: string): Promise<void>;
  /** Renders `frames` with an installed model (null: the one playing), off the audio path (auditions, benchmarks). */
  render(model: string | null, frames: DescriptorFrames, seed: number): Promise<Float32Array>;
  /**
   * A copy of the next complete render of the newest curves newer than version `after`, with those
   * curves (the follow meter measures it off the audio and control paths). One request at a time;
   * it waits while the curves stand still.
   */
  nextCompleteRender(after: number): Promise<RenderSample>;
  /** A voice starts now (a preview), as a gate would. */
  trigger(): void;
  setVolume(volume: number): void;
  setCalibration(jack: number, calibration: { offset: number; gain: number }): void;
  stop(): Promise<void>;
}
