import type { HostView } from './host-view';

/** What the RGB LED shows; documented in docs/screen-and-menu.md. */
export type LedState = 'booting' | 'loading' | 'ready' | 'clipping' | 'fault' | 'confirm' | 'off';

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** Screen facts the LED uses besides the host view. */
export interface LedInputs {
  readonly view: HostView;
  /** A confirmation dialog is open. */
  readonly dialog: boolean;
  /** An error toast is showing or a page failed. */
  readonly error: boolean;
}

/** Priority order: fault over confirm over clipping over loading over ready. */
export function ledState(i: LedInputs): LedState {
  if (i.view.phase === 'fault' || i.error) return 'fault';
  if (i.dialog) return 'confirm';
  if (i.view.output.clipping) return 'clipping';
  if (i.view.phase === 'booting') return 'booting';
  if (i.view.phase === 'loading' || i.view.model.loadingId) return 'loading';
  return 'ready';
}

/** The colour at `nowMs` (0..255 per channel): pulses and flashes are functions of time. */
export function ledColour(state: LedState, nowMs: number): Rgb {
  const pulse = 0.5 - 0.5 * Math.cos((2 * Math.PI * nowMs) / 1000); // 1 Hz, 0..1
  const flash = Math.floor(nowMs / 125) % 2 === 0; // 4 Hz on/off
  switch (state) {
    case 'booting':
    case 'loading':
      return { r: 0, g: 0, b: Math.round(40 + 215 * pulse) };
    case 'ready':
      return { r: 0, g: 160, b: 40 };
    case 'clipping':
      return flash ? { r: 255, g: 0, b: 0 } : { r: 40, g: 0, b: 0 };
    case 'fault':
      return { r: 255, g: 120, b: 0 };
    case 'confirm':
      return flash ? { r: 255, g: 255, b: 255 } : { r: 0, g: 0, b: 0 };
    default:
      return { r: 0, g: 0, b: 0 };
  }
}

/**
 * Drives the encoder's RGB LED from the host state: call `tick()` from a periodic task (20-30 Hz);
 * the sink is called only when the colour changes, so a steady state costs no bus traffic.
 */
export class LedController {
  private last = '';

  constructor(
    private readonly inputs: () => LedInputs,
    private readonly sink: (rgb: Rgb) => void | Promise<void>,
    private readonly now: () => number,
  ) {}

  tick(): LedState {
    const state = ledState(this.inputs());
    const rgb = ledColour(state, this.now());
    const key = `${rgb.r},${rgb.g},${rgb.b}`;
    if (key !== this.last) {
      this.last = key;
      void Promise.resolve(this.sink(rgb)).catch(() => undefined);
    }
    return state;
  }
}
