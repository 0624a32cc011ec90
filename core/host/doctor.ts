import type { DependencyContainer } from 'tsyringe';
import { Tokens } from '../container/tokens';
import type { DeviceKind, DeviceStatus } from '../devices/device';

export interface DoctorDeviceReport {
  id: string;
  kind: DeviceKind;
  binding: 'real' | 'emulated';
  address: string;
  status: DeviceStatus;
  detail: string;
}

export interface DoctorReport {
  profile: string;
  devices: DoctorDeviceReport[];
}

/** Reads every configured device's health. Devices must be up (see `bringUpDevices`). */
export function doctorReport(c: DependencyContainer): DoctorReport {
  const rack = c.resolve(Tokens.Rack);
  return {
    profile: rack.config.name,
    devices: c.resolve(Tokens.Devices).map((d) => {
      const h = d.health();
      return { id: d.id, kind: d.kind, binding: d.binding, address: d.address, status: h.status, detail: h.detail };
    }),
  };
}


export async function closeDevices(c: DependencyContainer): Promise<void> {
  await Promise.all(c.resolve(Tokens.Devices).map((d) => d.close().catch(() => undefined)));
}
