import { setPriority } from 'node:os';

/** How much nicer than the rest of the host the model's thread runs (0..19). */
export const MODEL_THREAD_NICENESS = 10;

/**
 * Lowers the calling thread's scheduling priority so that, when the CPU is short, the audio
 * worker and the control thread (gates, CVs) run first and the model's renders wait: a late
 * render is heard a little later, a late audio block is a dropout. On Linux a nice value belongs
 * to a thread (setpriority on "process" 0 is the calling thread), so this touches only the model
 * worker (and the runtime threads it starts afterwards); elsewhere it would lower the whole
 * process, so it does nothing. Returns whether it applied.
 */
export function yieldToAudio(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    setPriority(0, MODEL_THREAD_NICENESS);
    return true;
  } catch {
    return false; // not permitted here: renders simply compete as equals
  }
}
