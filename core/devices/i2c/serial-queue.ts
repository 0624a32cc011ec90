/**
 * Runs async jobs one after another: an I2C bus carries one transaction at a time, whoever asks.
 * Uses only promise chaining (no timers), so it adds no clock time on a virtual clock.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
