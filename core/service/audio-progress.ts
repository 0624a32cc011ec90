/**
 * The watchdog's proof of sound: a check that is true when the audio worker has filled at least
 * one block since the previous check (its block counter, read from the worker's shared memory,
 * advanced). A worker that hangs, or a device that stops taking blocks, makes it false from the
 * next check on; a main loop that hangs never asks.
 */
export function audioProgress(blocksProduced: () => number): () => boolean {
  let seen = blocksProduced();
  return () => {
    const now = blocksProduced();
    const moved = now !== seen;
    seen = now;
    return moved;
  };
}
