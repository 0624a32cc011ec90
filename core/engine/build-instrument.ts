import type { RackConfig } from '../config/rack-config';
import { CV_RANGE_VOLTS } from '../devices/cv-adc/cv-adc-config';
import type { ControlDevices } from '../devices/i2c-gpio-devices';
import type { NeurorackError } from '../errors/neurorack-error';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { Clock } from '../scheduler/clock';
import type { MixerOptions } from './block-mixer';
import { MODEL_RATE, type DescriptorFrames } from './descriptor-frames';
import { Instrument, type InstrumentAudio } from './instrument';
import type { ModelRenderer } from './model-renderer';
import type { RenderTiming } from './render-engine';
import { resolveMappings } from './resolve-mappings';

export interface BuildInstrumentOptions {
  readonly config: RackConfig;
  readonly clock: Clock;
  readonly plugins: PluginLoader;
  readonly devices: ControlDevices;
  readonly audio: InstrumentAudio;
  readonly renderer: ModelRenderer;
  readonly entries: { readonly a: DescriptorFrames; readonly b: DescriptorFrames };
  readonly timing?: RenderTiming;
  readonly seed?: number;
  readonly onError: (err: NeurorackError) => void;
}

/** The mixer settings from the rack's `audio` section. */
export function mixerOptionsFrom(config: RackConfig): MixerOptions {
  const a = config.audio;
  return { blockSize: a.blockSize, polyphony: a.polyphony, sampleRate: MODEL_RATE, grainMs: a.grainMs, grainOverlap: a.grainOverlap, volume: a.volume };
}

/** Wires an Instrument from the rack: mappings per CV assignment, gate roles, the jacks' ranges. */
export async function buildInstrument(o: BuildInstrumentOptions): Promise<Instrument> {
  const as = o.config.assignments;
  const { slots, params } = await resolveMappings(o.plugins, { 1: as.cv1, 2: as.cv2, 3: as.cv3, 4: as.cv4 }, o.onError);
  const jacks = o.config.devices.cvAdc.jacks.map((j) => {
    const [min, max] = CV_RANGE_VOLTS[j.range];
    return { jack: j.jack, range: { min, max }, params: params.get(j.jack) ?? {} };
  });
  return new Instrument({
    clock: o.clock, cvAdc: o.devices.cvAdc, gates: o.devices.gates, audio: o.audio, renderer: o.renderer, slots, jacks,
    gateRoles: { 1: as.gate1, 2: as.gate2 }, entries: o.entries, timing: o.timing, seed: o.seed,
    historyHz: o.config.devices.cvAdc.scanHz, grainMs: o.config.audio.grainMs, onError: o.onError,
  });
}
