/**
 * Extends the firmware's 8-bit signed encoder count into an unbounded position.
 *
 * The facts' wrap rule (a jump from above 64 to below -64, or back, is a wrap of 256) is the
 * special case of reading the change between two polls modulo 256 as the nearest signed value.
 * Doing it modulo 256 from any starting count recovers every change of -128..+127 detents between
 * two polls (the v1 rule loses 256 steps when, say, +100 starts at 60); a change of 128 or more
 * aliases (+200 reads as -56) and no rule can recover it: poll faster than 127 detents per poll.
 */
export class CountExtender {
  private last: number;
  private total = 0;

  constructor(initialRaw = 0) {
    this.last = toSigned8(initialRaw);
  }

  get position(): number {
    return this.total;
  }

  /** Feeds a register read; returns the change since the previous one (-128..127). */
  update(raw: number): number {
    const now = toSigned8(raw);
    const delta = (((now - this.last + 128) & 0xff) - 128) | 0;
    this.last = now;
    this.total += delta;
    return delta;
  }

  /** Starts counting from `raw` again without moving the position (after the chip was reset). */
  rebase(raw: number): void {
    this.last = toSigned8(raw);
  }
}

export function toSigned8(raw: number): number {
  const b = raw & 0xff;
  return b & 0x80 ? b - 256 : b;
}
