/** A value whose every part is derived from its counter, so a mixture of two writes cannot pass for either. */
export interface CounterValue {
  readonly n: number;
  readonly words: string[];
}

/** About 40 KB, so a write spans several pages and a kill can land inside it. */
export function counterValue(n: number): CounterValue {
  return { n, words: Array.from({ length: 2000 }, (_, i) => `${n}-${i}-${((n * 2654435761 + i) >>> 0).toString(36)}`) };
}

/** The validator the store is given: the value must be exactly `counterValue(n)` for its n. */
export function checkCounterValue(value: unknown): CounterValue {
  const v = value as CounterValue;
  if (typeof v?.n !== 'number' || JSON.stringify(v) !== JSON.stringify(counterValue(v.n))) throw new Error('not a counter value');
  return v;
}
