import type { GateStages } from '../../engine/gate-stages';
import type { ControlDevices } from '../../devices/i2c-gpio-devices';
import type { AudioPath } from '../../engine/audio-path';
import type { DescriptorFrames } from '../../engine/descriptor-frames';
import type { RenderSample } from '../../engine/render-sampler';
import type { TaskMetrics } from '../../scheduler/deadline-stats';
import type { ControlCore } from './control-core';
import type { ControlInputs, EngineControl, EngineStats } from './engine-control';

/**
 * The instrument on the main thread, as a virtual clock needs it (no other thread can keep that
 * clock): the CV scans run on the main thread's scheduler, the audio path is the synchronous one
 * or the worker one commanded from here.
 */
export class InlineControl implements EngineControl {
  readonly inputs: ControlInputs;

  constructor(private readonly core: ControlCore, devices: ControlDevices, readonly audio: AudioPath) {
    this.inputs = {
      latest: () => devices.cvAdc.latest(),
      isHigh: (jack) => devices.gates.isHigh(jack),
      onEdge: (listener) => devices.gates.onEdge(listener),
    };
  }

  get frames(): DescriptorFrames | undefined {
    return this.core.instrument.frames;
  }

  get playhead(): number {
    return this.core.instrument.playhead;
  }

  readonly raisedPriority = null;
  readonly bootMarks = null;

  get playing(): string | null {
    return this.core.playing;
  }

  stats(): EngineStats {
    return this.core.stats();
  }

  /** It runs on the main thread, whose heap the process's figures already hold. */
  threadHeapBytes(): number | null {
    return null;
  }

  /** The CV scans run on the main thread's scheduler: nothing of its own to report. */
  tasks(): Record<string, TaskMetrics> {
    return {};
  }

  onControl(listener: (scanTimeMs: number, version: number) => void): void {
    this.core.instrument.onControl(listener);
  }

  onGateStages(listener: (stages: GateStages) => void): void {
    this.core.instrument.onGateStages(listener);
  }

  setEntries(a: DescriptorFrames, b: DescriptorFrames): void {
    this.core.setEntries(a, b);
  }

  useModel(id: string, fresh: boolean): Promise<void> {
    return this.core.useModel(id, fresh);
  }

  async useTimbre(name: string): Promise<void> {
    this.core.useTimbre(name);
  }

  render(model: string | null, frames: DescriptorFrames, seed: number): Promise<Float32Array> {
    return this.core.render(model, frames, seed);
  }

  nextCompleteRender(after: number): Promise<RenderSample> {
    return this.core.instrument.nextCompleteRender(after);
  }

  trigger(): void {
    this.core.trigger();
  }

  setVolume(volume: number): void {
    this.core.setVolume(volume);
  }

  setCalibration(jack: number, calibration: { offset: number; gain: number }): void {
    this.core.setCalibration(jack, calibration);
  }

  /** The instrument and the audio stop first, then the models are released (that takes real time, nothing plays meanwhile). */
  async stop(): Promise<void> {
    this.core.halt();
    await this.audio.stop();
    await this.core.stop();
  }
}
