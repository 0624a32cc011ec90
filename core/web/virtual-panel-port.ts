import type { VirtualPanel } from '../devices/virtual-panel';
import type { ControlEvent } from './web-host';

/**
 * HostParts.panel over the emulated rack's VirtualPanel (core/devices/virtual-panel.ts): each
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
