/**
 * Times in the order they were pushed, taken from the front in O(1) (an array's `shift()` moves
 * every element: a burst of 200,000 CV changes at one instant took quadratic time to drain).
 */
export class TimeQueue {
  private items: number[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(t: number): void {
    this.items.push(t);
  }

  /** Calls `each` with every time at the front up to `upto` (inclusive), removing them. */
  drainUpTo(upto: number, each: (t: number) => void): void {
    while (this.head < this.items.length && this.items[this.head]! <= upto) each(this.items[this.head++]!);
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
