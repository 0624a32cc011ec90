/**
 * The rack config as the host reads it after validation against schemas/rack.schema.json, with
 * every default filled in by the schema. The schema is the truth; these types mirror it.
 */
export type Binding = 'real' | 'emulated';

export type GpioPinSpec = { chip: string; offset: number } | { sysfs: number };

export interface Calibration {
  offset: number;
  gain: number;
}

export interface CvJackConfig {
  jack: number;
  chip: number;
  channel: number;
  range: 'bipolar-5v' | 'unipolar-10v';
  calibration: Calibration;
}

export interface CvAdcConfig {
  binding: Binding;
  bus: number;
  chips: Array<{ address: number; variant: 'ads1015' | 'ads1115' }>;
  dataRate: 128 | 250 | 490 | 920 | 1600 | 2400 | 3300;
  pgaVolts: number;
  dividerRatio: number;
  scanHz: number;
  jacks: CvJackConfig[];
}

export interface GateJackConfig {
  jack: number;
  adc?: { chip: number; channel: number };
  gpio?: GpioPinSpec;
}

export interface GatesConfig {
  binding: Binding;
  thresholdVolts: number;
  rearmSeconds: number;
  pollHz: number;
  debounceMs: number;
  jacks: GateJackConfig[];
}

export interface ButtonConfig {
  binding: Binding;
  pin: GpioPinSpec;
  activeLow: boolean;
  debounceMs: number;
  longPressMs: number;
}

export interface EncoderConfig {
  binding: Binding;
  bus: number;
  address: number;
  pins: { a: number; b: number; common: number };
  ledPins: { r: number; g: number; b: number };
  pollMs: number;
}

export interface DisplayConfig {
  binding: Binding;
  spiBus: number;
  spiDevice: number;
  speedHz: number;
  dc?: GpioPinSpec;
  rst?: GpioPinSpec;
  width: 240;
  height: 240;
  rowOffset: number;
  init: 'adafruit' | 'pimoroni';
  fps: number;
}

export interface AudioOutConfig {
  binding: Binding;
  device: string;
  sampleRate: 44100 | 48000;
  channels: 1 | 2;
  latencyMs: number;
}

export interface RackConfig {
  name: string;
  board: 'virtual' | 'jetson-nano-v1' | 'rpi5' | 'test';
  description?: string;
  clock: 'monotonic' | 'virtual';
  /** Where gates, CVs, mappings and renders run (schema: `controlThread`). */
  controlThread: 'own' | 'main';
  devices: {
    cvAdc: CvAdcConfig;
    gates: GatesConfig;
    button: ButtonConfig;
    encoder: EncoderConfig;
    display: DisplayConfig;
    audioOut: AudioOutConfig;
  };
  audio: { blockSize: number; polyphony: number; volume: number; grainMs: number; grainOverlap: number };
  model: { default: string; intraOpThreads: number; interOpThreads: number; renderLanes: number };
  assignments: { cv1: string; cv2: string; cv3: string; cv4: string; gate1: 'trigger' | 'loop' | 'none'; gate2: 'trigger' | 'loop' | 'none' };
  pluginDirs: string[];
  banks: { registries: string[] };
  web: { host: string; port: number };
}

/** A validated rack config and where it came from (plugin dirs are relative to `file`). */
export interface LoadedRack {
  readonly config: RackConfig;
  readonly file: string;
}
