/**
 * Bounded exponential backoff for a failing device: after the n-th failure in a row the next try
 * waits base x 2^(n-1), never more than max. A success resets it.
 */
export class RetryBackoff {
  private failures = 0;
  private nextTryMs = -Infinity;

  constructor(
    private readonly baseMs = 5,
    private readonly maxMs = 1000,
  ) {}

  get failing(): boolean {
    return this.failures > 0;
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  due(nowMs: number): boolean {
    return nowMs >= this.nextTryMs;
  }

  failed(nowMs: number): void {
    this.failures++;
    this.nextTryMs = nowMs + Math.min(this.maxMs, this.baseMs * 2 ** (this.failures - 1));
  }

  succeeded(): void {
    this.failures = 0;
    this.nextTryMs = -Infinity;
  }
}
