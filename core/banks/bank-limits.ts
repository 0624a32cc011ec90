/** Size limits that keep a hostile or broken bank from exhausting memory or disk. */
export const BANK_LIMITS = {
  /** Largest bank.json read, and largest bank a .nrbank may decompress to. */
  maxBankBytes: 64 * 1024 * 1024,
  /** Default largest download (packed bank or registry index); `--max-bytes` changes it. */
  maxDownloadBytes: 32 * 1024 * 1024,
  /** Largest registry index read. */
  maxIndexBytes: 4 * 1024 * 1024,
  /** Give up on a download that takes longer than this. */
  downloadTimeoutMs: 60_000,
} as const;
