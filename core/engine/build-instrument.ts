import type { RackConfig } from '../config/rack-config';
import type { AudioOut } from '../devices/audio-out/audio-out';
import type { CvAdc } from '../devices/cv-adc/cv-adc';
import { CV_RANGE_VOLTS } from '../devices/cv-adc/cv-adc-config';
import type { GateInputs } from '../devices/gate/gate-inputs';
import type { NeurorackError } from '../errors/neurorack-error';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { Clock } from '../scheduler/clock';
import type { Scheduler } from '../scheduler/scheduler';
import type { AudioPath } from './audio-path';
import type { MixerOptions } from './block-mixer';
import { MODEL_RATE, type DescriptorFrames } from './descriptor-frames';
import { Instrument } from './instrument';
import type { ModelRenderer } from './model-renderer';
import type { RenderTiming } from './render-engine';
import { resolveMappings } from './resolve-mappings';
import { SyncAudioPath } from './sync-audio-path';
import { WorkerAudioPath } from './worker-audio-path';

export interface BuildInstrumentOptions {
  readonly config: RackConfig;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly plugins: PluginLoader;
  readonly cvAdc: CvAdc;
  readonly gates: GateInputs;
  readonly audioOut: AudioOut;
  readonly renderer: ModelRenderer;
  readonly entries: { readonly a: DescriptorFrames; readonly b: DescriptorFrames };
  /** `worker` on the real clock, `sync` on the VirtualClock (deterministic). */
  readonly audioPath: 'worker' | 'sync';
  readonly timing?: RenderTiming;
  readonly seed?: number;
  readonly onError: (err: NeurorackError) => void;
}

/** The mixer settings from the rack's `audio` section. */
export function mixerOptionsFrom(config: RackConfig): MixerOptions {
  const a = config.audio;
  return { blockSize: a.blockSize, polyphony: a.polyphony, sampleRate: MODEL_RATE, grainMs: a.grainMs, grainOverlap: a.grainOverlap, volume: a.volume };
}

/** Wires an Instrument from the rack: mappings per CV assignment, gate roles, the audio path. */
export async function buildInstrument(o: BuildInstrumentOptions): Promise<{ instrument: Instrument; audio: AudioPath }> {
  const as = o.config.assignments;
  const { slots, params } = await resolveMappings(o.plugins, { 1: as.cv1, 2: as.cv2, 3: as.cv3, 4: as.cv4 }, o.onError);
  const deps = { clock: o.clock, scheduler: o.scheduler, audioOut: o.audioOut };
  const audio: AudioPath = o.audioPath === 'worker' ? new WorkerAudioPath(deps, mixerOptionsFrom(o.config)) : new SyncAudioPath(deps, mixerOptionsFrom(o.config));
  const jacks = o.config.devices.cvAdc.jacks.map((j) => {
    const [min, max] = CV_RANGE_VOLTS[j.range];
    return { jack: j.jack, range: { min, max }, params: params.get(j.jack) ?? {} };
  });
  const instrument = new Instrument({
    clock: o.clock, cvAdc: o.cvAdc, gates: o.gates, audio, renderer: o.renderer, slots, jacks,
    gateRoles: { 1: as.gate1, 2: as.gate2 }, entries: o.entries, timing: o.timing, seed: o.seed,
    historyHz: o.config.devices.cvAdc.scanHz, onError: o.onError,
  });
  return { instrument, audio };
}
