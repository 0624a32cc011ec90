/**
 * What bench:attacks holds the host to (issue #27: "a budget for every request and command ...
 * enforced before the work, and heavy work off the event loop"): past these an attack's verdict
 * is WEAK.
 */
export const BUDGETS = {
  /** Memory one request or command may add to its process (peak RSS over the figure before it). */
  addedRssBytes: 300 * 2 ** 20,
  /** Peak resident memory of a whole CLI command (render, run). */
  commandRssBytes: 600 * 2 ** 20,
  /**
   * Longest gap between answers of the host's cheapest route while it is attacked, beyond the
   * longest gap of the same host left alone (on a shared machine that alone reaches tens of ms).
   */
  loopGapMs: 100,
  /** A legit panel request during a connection flood must be answered within this. */
  panelAnswerMs: 2_000,
  /** Expected years to guess the pairing code at the rate allowed. */
  pairingYears: 100,
} as const;

export const MIB = 2 ** 20;

/** An attack's longest gap is within budget: at most BUDGETS.loopGapMs over the idle host's. */
export function gapMet(attackGapMs: number, idleGapMs: number): boolean {
  return attackGapMs <= idleGapMs + BUDGETS.loopGapMs;
}

/**
 * No xrun from the attack: none, or no more than the idle host counted over at least as long
 * (a shared machine takes the CPU from the audio thread now and then, attack or not).
 */
export function xrunsMet(attackXruns: number, attackS: number, idleXruns: number, idleS: number): boolean {
  return attackXruns === 0 || (idleS >= attackS && attackXruns <= idleXruns);
}

export const fmtMiB = (bytes: number): string => `${(bytes / MIB).toFixed(0)} MiB`;
export const fmtMs = (ms: number): string => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
