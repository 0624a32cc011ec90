import type { PushButton } from '../devices/button/push-button';
import type { RgbEncoder } from '../devices/encoder/rgb-encoder';
import type { ScreenRuntime } from './screen-runtime';

export interface UiInputDevices {
  /** Turns move and adjust. */
  readonly encoder?: Pick<RgbEncoder, 'onTurn'>;
  /** The panel push button (and the encoder's push, where a board wires one as a button). */
  readonly buttons?: ReadonlyArray<Pick<PushButton, 'onEvent'>>;
}

/**
 * Routes the drivers' events to the screen: a turn to `turn` (with its time, for acceleration),
 * a short press to `press`, a long press (fired while still held) to `long-press`. Returns a
 * function that unbinds everything. Handler failures become toasts inside the runtime.
 */
export function bindUiInputs(runtime: ScreenRuntime, devices: UiInputDevices): () => void {
  const off: Array<() => void> = [];
  if (devices.encoder) {
    off.push(devices.encoder.onTurn((e) => void runtime.input({ type: 'turn', delta: e.delta, timeMs: e.timeMs })));
  }
  for (const b of devices.buttons ?? []) {
    off.push(b.onEvent((e) => {
      if (e.type === 'short-press') void runtime.input({ type: 'press' });
      else if (e.type === 'long-press') void runtime.input({ type: 'long-press' });
    }));
  }
  return () => off.forEach((f) => f());
}
