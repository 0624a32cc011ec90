import type { InjectionToken } from 'tsyringe';
import type { LoadedRack } from '../config/rack-config';
import type { Device } from '../devices/device';
import type { PluginLoader } from '../plugins/plugin-loader';
import type { Clock } from '../scheduler/clock';
import type { Scheduler } from '../scheduler/scheduler';
import type { SchemaRegistry } from '../schemas/schema-registry';

/**
 * The composition root's tokens: one per service and one per device role. Device tokens are typed
 * by each device's contract in its own folder; `Devices` lists every configured device for doctor.
 */
export const Tokens = {
  Rack: Symbol('Rack') as InjectionToken<LoadedRack>,
  Schemas: Symbol('SchemaRegistry') as InjectionToken<SchemaRegistry>,
  Clock: Symbol('Clock') as InjectionToken<Clock>,
  Scheduler: Symbol('Scheduler') as InjectionToken<Scheduler>,
  Plugins: Symbol('PluginLoader') as InjectionToken<PluginLoader>,
  HostVersion: Symbol('HostVersion') as InjectionToken<string>,
  Devices: Symbol('Devices') as InjectionToken<readonly Device[]>,
  CvAdc: Symbol('CvAdc'),
  Gates: Symbol('Gates'),
  Button: Symbol('Button'),
  Encoder: Symbol('Encoder'),
  Display: Symbol('Display'),
  AudioOut: Symbol('AudioOut'),
  /** Virtual racks only: the emulated chips' test controls (set a CV, press a gate, read the screen). */
  VirtualPanel: Symbol('VirtualPanel'),
} as const;
