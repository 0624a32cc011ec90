import type { RackConfig } from '../../generated/rack';
import type { ResamplerQuality } from '../../audio/stream-resampler';
import type { Clock } from '../../scheduler/clock';
import type { AudioOut } from './audio-out';
import { EmulatedPcmSink, type EmulatedPcmSinkOptions } from './emulated-pcm-sink';
import { NaudiodonPcmSink } from './naudiodon-pcm-sink';
import { ResamplingAudioOut } from './resampling-audio-out';

/** The rack config's `devices.audioOut` section, schema defaults applied (generated from schemas/rack.schema.json). */
export type AudioOutConfig = RackConfig['devices']['audioOut'];

export interface AudioOutDeps {
  readonly clock: Clock;
  readonly id?: string;
  readonly quality?: ResamplerQuality;
  readonly maxBlockFrames?: number;
  /** False where another thread writes the device (see ResamplingAudioOutOptions.writesHere). */
  readonly writesHere?: boolean;
}

/** PortAudio (naudiodon) at the device whose name contains `config.device`. */
export function createRealAudioOut(config: AudioOutConfig, deps: AudioOutDeps & { sampleFormat?: 'int16' | 'float32' }): AudioOut {
  const sink = new NaudiodonPcmSink({
    clock: deps.clock,
    rate: config.sampleRate,
    channels: config.channels,
    device: config.device,
    latencyMs: config.latencyMs,
    sampleFormat: deps.sampleFormat,
  });
  return new ResamplingAudioOut({ id: deps.id, sink, quality: deps.quality, maxBlockFrames: deps.maxBlockFrames, writesHere: deps.writesHere });
}

/** The emulated audio out and its sound card's test controls (recorded audio, faults). */
export interface EmulatedAudioOutHandle {
  readonly audioOut: ResamplingAudioOut;
  /** `recorded()`, `recordedChannel()`, `disconnect()`, `reconnect()`, `playedFrames`. */
  readonly card: EmulatedPcmSink;
}

/**
 * The same driver over an emulated sound card paced on `deps.clock` (`pacing: 'unpaced'` takes
 * everything at once, for renders that need no back-pressure).
 */
export function createEmulatedAudioOut(
  config: AudioOutConfig,
  deps: AudioOutDeps & Pick<EmulatedPcmSinkOptions, 'pacing' | 'devices' | 'record' | 'periodFrames'>,
): EmulatedAudioOutHandle {
  const card = new EmulatedPcmSink({
    clock: deps.clock,
    rate: config.sampleRate,
    channels: config.channels,
    device: config.device,
    bufferMs: config.latencyMs,
    pacing: deps.pacing,
    devices: deps.devices,
    record: deps.record,
    periodFrames: deps.periodFrames,
  });
  const audioOut = new ResamplingAudioOut({ id: deps.id, sink: card, quality: deps.quality, maxBlockFrames: deps.maxBlockFrames, writesHere: deps.writesHere });
  return { audioOut, card };
}

