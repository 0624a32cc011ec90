import type { VirtualPanel } from '../devices/i2c-gpio-devices';
import type { ControlEvent } from './web-host';

/**
 * HostParts.panel over the emulated rack's VirtualPanel (core/devices/i2c-gpio-devices.ts): each
 * page event goes in at the chips exactly as a replay event does.
 */
export function panelPort(panel: VirtualPanel): { apply(event: ControlEvent): void } {
  return {
    apply(event) {
      switch (event.type) {
        case 'cv':
          return panel.setCvVolts(event.jack, event.volts);
        case 'gate':
          return panel.setGate(event.jack, event.state === 'high');
        case 'encoder':
          return panel.turnEncoder(event.delta);
        case 'button':
          return panel.setButton(event.state === 'down');
      }
    },
  };
}
