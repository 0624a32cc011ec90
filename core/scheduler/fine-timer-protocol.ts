/**
 * Shared memory of the fine timer: Int32 slots, then at byte 16 the armed deadline as a BigInt64
 * of process.hrtime nanoseconds.
 */
export const FineTimerSlot = { armed: 0, fired: 1, stop: 2 } as const;

export type FineTimerShared = SharedArrayBuffer;

export function allocateFineTimerShared(): FineTimerShared {
  return new SharedArrayBuffer(24);
}
