/** The pairing limiter's figures that bound an online search (core/web/pairing-limiter.ts PAIRING_LIMITS). */
export interface LockoutLimits {
  readonly clientFreeFailures: number;
  readonly clientLockoutMs: number;
  readonly clientMaxLockoutMs: number;
  readonly globalWindowMs: number;
  readonly globalMaxFailures: number;
}

export const YEAR_MS = 365.25 * 24 * 3_600_000;

/**
 * How many wrong codes one address gets checked within `spanMs` when it sends the next one the
 * moment its lockout ends: `clientFreeFailures` back to back, then one after each lockout
 * (clientLockoutMs doubling up to clientMaxLockoutMs), as the limiter counts them.
 */
export function checkedCodesWithin(limits: LockoutLimits, spanMs: number): number {
  let t = 0;
  let checked = 0;
  while (t <= spanMs) {
    checked++;
    const over = checked - limits.clientFreeFailures;
    if (over >= 0) t += Math.min(limits.clientLockoutMs * 2 ** over, limits.clientMaxLockoutMs);
  }
  return checked;
}

/**
 * The most wrong codes checked in a year from `addresses` addresses together: each address at its
 * own lockout's pace, and all together at most the global window's (globalMaxFailures per window,
 * plus one first try per address that has not failed in it).
 */
export function codesPerYear(limits: LockoutLimits, addresses: number): number {
  const perAddress = checkedCodesWithin(limits, YEAR_MS) * addresses;
  const global = (limits.globalMaxFailures + addresses) * (YEAR_MS / limits.globalWindowMs);
  return Math.min(perAddress, global);
}

/** Years a random search of a `digits`-digit code expects (half the codes) at `perYear` guesses a year. */
export function expectedYears(perYear: number, digits: number): number {
  return 10 ** digits / 2 / perYear;
}
