import { threadBundle } from '../threads/thread-bundles';

/** The bank thread's script (bank-thread-worker.ts, bundled), started by BankThread on its first job, or early (prestartHostThreads). */
export const BANK_THREAD_FILE = threadBundle('bank-thread');

/**
 * The bank thread's heap budget. Reading a bank holds about 16 times its size for a moment; with
 * this budget V8 collects sooner (a 16 MB bank peaks at +180 MB instead of +290 MB) and a bank at
 * the 64 MB limit of this machine's own folders still reads. Past it, the job fails with
 * NR_WORK_TOO_LARGE and the host goes on.
 */
export const BANK_THREAD_MEMORY = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 16 } as const;
