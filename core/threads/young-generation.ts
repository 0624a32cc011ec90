import type { ResourceLimits } from 'node:worker_threads';

/**
 * The young generation of a long-lived thread that allocates as it runs (the control thread's
 * control passes, a model thread's renders). V8 grows a thread's young generation up to 48 MB
 * when much of it survives a scavenge, and gives the memory back only now and then: with its
 * default, the control thread's heap swung between 14 and 57 MB under four LFOs, and the host's
 * resident memory with it (470 to 535 MiB within four minutes of `bench:soak-start`). At 6 MB it
 * held 11 to 17 MB and the host 427 to 439 MiB, scavenging more often (each one short: what
 * survives a control pass is small).
 */
export const YOUNG_GENERATION_MB = 6;

/** Resource limits for a long-lived allocating thread: its young generation capped (see YOUNG_GENERATION_MB). */
export const LONG_LIVED_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
