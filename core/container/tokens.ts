import type { LoadedRack } from '../config/rack-config';
import type { AudioOut } from '../devices/audio-out/audio-out';
import type { PushButton } from '../devices/button/push-button';
import type { CvAdc } from '../devices/cv-adc/cv-adc';
import type { Device } from '../devices/device';
import type { Display } from '../devices/display/display';
import type { RgbEncoder } from '../devices/encoder/rgb-encoder';
import type { GateInputs } from '../devices/gate/gate-inputs';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { Clock } from '../scheduler/clock';
import type { Scheduler } from '../scheduler/scheduler';
import type { SchemaRegistry } from '../schemas/schema-registry';
import type { ClockChoices } from './clock-choices';
import type { EmulatedRack } from './emulated-rack';
import { token } from './token';

/**
 * The composition root's tokens: one per service and one per device role. Every token carries its
 * type (a device token its device's contract), so resolving one needs no cast; `Devices` lists
 * every configured device for doctor.
 */
export const Tokens = {
  Rack: token<LoadedRack>('Rack'),
  Schemas: token<SchemaRegistry>('SchemaRegistry'),
  Clock: token<Clock>('Clock'),
  /** What the clock decides (audio path, render timing, ...), chosen once with it. */
  ClockChoices: token<ClockChoices>('ClockChoices'),
  Scheduler: token<Scheduler>('Scheduler'),
  Plugins: token<PluginLoader>('PluginLoader'),
  HostVersion: token<string>('HostVersion'),
  Devices: token<readonly Device[]>('Devices'),
  CvAdc: token<CvAdc>('CvAdc'),
  Gates: token<GateInputs>('Gates'),
  Button: token<PushButton>('Button'),
  Encoder: token<RgbEncoder>('Encoder'),
  Display: token<Display>('Display'),
  AudioOut: token<AudioOut>('AudioOut'),
  /** Virtual racks only: the emulated chips' test controls (set a CV, press a gate, read the screen). */
  VirtualPanel: token<EmulatedRack>('VirtualPanel'),
} as const;
