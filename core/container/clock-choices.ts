import type { RenderTiming } from '../engine/render-engine';
import type { Clock } from '../scheduler/clock';

/** Render cost modelled on the virtual clock: a quarter of the audio's duration, at least 12 ms. */
export const VIRTUAL_RENDER_TIMING: RenderTiming = { kind: 'virtual', rtf: 0.25, minMs: 12 };

/**
 * What the rack's clock decides, made once by the composition root so that no other code asks
 * which clock it runs on. On the real clock every thread keeps the same time; a virtual clock moves
 * only when a replay or test advances it, so its work stays on the main thread, in step with it.
 */
export interface ClockChoices {
  /** The inline instrument's path to the sound card: a worker thread in real time, or synchronous on the clock's timers. */
  readonly audioPath: 'worker' | 'sync';
  /** How render time is accounted: as it really passes, or modelled ({@link VIRTUAL_RENDER_TIMING}). */
  readonly renderTiming: RenderTiming;
  /** The renderer used when no model is installed: on a thread of its own, or inline. */
  readonly fallbackRenderer: 'threaded' | 'inline';
  /** Whether the clock allows a control thread of its own (the rack and its devices decide the rest). */
  readonly controlThread: boolean;
  /** What a replay moves time by per step: one audio block, or one display frame (60 Hz) of real time. */
  readonly replayStep: 'audio-block' | 'display-frame';
  /**
   * When the display's init sequence runs at boot: beside the rest (the audio worker's start, the
   * model's load: the panel's own delays are 255-355 ms of waiting, a fifth of a cold start), or in
   * turn, before the screen and the audio, so that a replay's virtual timeline is the same each time.
   */
  readonly displayInit: 'beside' | 'in-turn';
}

/** The choices for `clock` (the rack's, or one a test passes instead): decided by whether it is real time. */
export function clockChoices(clock: Clock): ClockChoices {
  return clock.real
    ? { audioPath: 'worker', renderTiming: { kind: 'real' }, fallbackRenderer: 'threaded', controlThread: true, replayStep: 'display-frame', displayInit: 'beside' }
    : { audioPath: 'sync', renderTiming: VIRTUAL_RENDER_TIMING, fallbackRenderer: 'inline', controlThread: false, replayStep: 'audio-block', displayInit: 'in-turn' };
}

/** Milliseconds a replay advances per step under `choices`. */
export function replayStepMs(choices: ClockChoices, audio: { readonly blockSize: number; readonly sampleRate: number }): number {
  return choices.replayStep === 'audio-block' ? (audio.blockSize * 1000) / audio.sampleRate : 1000 / 60;
}
