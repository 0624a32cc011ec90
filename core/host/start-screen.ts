import type { DependencyContainer } from 'tsyringe';
import { Tokens } from '../container/tokens';
import { Priority } from '../scheduler/scheduler';
import { buildScreen } from '../ui/build-screen';
import type { HostActions } from '../ui/host-actions';
import type { HostView } from '../ui/host-view';
import { bindUiInputs } from '../ui/input-bindings';
import { LedController } from '../ui/led-state';
import { sampleHostView } from '../ui/sample-host-view';
import type { ScreenRuntime } from '../ui/screen-runtime';
import type { LiveHost } from './live-host';

/**
 * Builds the screen at once (the boot page shows progress while the model loads, never a blank
 * screen), routes the encoder and the button to it, and drives the LED from the host's state.
 */
export async function startScreen(c: DependencyContainer, view: () => HostView, revision: () => number, live: () => LiveHost | undefined): Promise<ScreenRuntime> {
  const clock = c.resolve(Tokens.Clock);
  const scheduler = c.resolve(Tokens.Scheduler);
  const actions = new Proxy({} as HostActions, {
    get: (_t, name: string) => async (...args: unknown[]) => {
      const target = live();
      if (!target) throw new Error('the module is still booting');
      return (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!(...args);
    },
  });
  const { runtime } = await buildScreen({ loader: c.resolve(Tokens.Plugins), schemas: c.resolve(Tokens.Schemas), display: c.resolve(Tokens.Display), clock, view, revision, actions });
  const rack = c.resolve(Tokens.Rack).config;
  scheduler.addPeriodic(runtime.task(rack.devices.display.fps));
  const encoder = c.resolve(Tokens.Encoder);
  bindUiInputs(runtime, { encoder, buttons: [c.resolve(Tokens.Button)] });
  // The LED reads the screen's view of the current revision: nothing is built again while nothing changes.
  const led = new LedController(() => ({ view: runtime.hostView(), ...runtime.status() }), (rgb) => encoder.setColor(rgb.r, rgb.g, rgb.b), () => clock.now());
  scheduler.addPeriodic({ id: 'led', periodMs: 40, priority: Priority.display, run: () => void led.tick() });
  scheduler.start();
  return runtime;
}

/** What the screen shows before the host is ready: the boot page's progress and nothing invented. */
export function bootView(boot: { progress: number; step: string }): HostView {
  const base = sampleHostView();
  return {
    ...base, phase: 'booting', boot: { ...boot },
    model: { id: null, name: '', loadingId: null }, models: [], bank: { id: null, entryA: null, entryB: null, bankA: null, bankB: null, preview: null }, banks: [],
    community: { registries: [], network: false, listing: null, progress: null },
    cvs: [], gates: [], curves: { names: base.curves.names, frames: [], playhead: null, outside: [] }, follow: null, toasts: [],
    output: { levelDb: -120, peakDb: -120, clipping: false },
    stats: { cpuPercent: 0, memoryMb: process.memoryUsage().rss / 2 ** 20, temperatureC: null, xruns: 0, inferenceMs: 0, deadlineMisses: 0, uptimeS: 0, missedTasks: [] },
  };
}
