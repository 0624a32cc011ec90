/** Size limits that keep a hostile or broken bank from exhausting memory or disk. */
export const BANK_LIMITS = {
  /** Largest bank.json read from this machine's folders, and largest a local .nrbank may decompress to. */
  maxBankBytes: 64 * 1024 * 1024,
  /**
   * Largest bank received from elsewhere (a panel upload, a registry or URL download) may decompress
   * to: 80 times the largest shipped bank (211 KB). Parsing, validating and hashing a bank costs
   * about 16 times its size for a moment (a 16 MB bank: +180 MB on the bank thread; 52 MB: +840 MB).
   */
  maxReceivedBankBytes: 16 * 1024 * 1024,
  /** Default largest download (packed bank or registry index); `--max-bytes` changes it. */
  maxDownloadBytes: 16 * 1024 * 1024,
  /** Largest registry index read. */
  maxIndexBytes: 4 * 1024 * 1024,
  /** Give up on a download that takes longer than this. */
  downloadTimeoutMs: 60_000,
} as const;
