import { appendFileSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { PROBE_SLEEP_MS } from './machine-stalls';

/**
 * The machine stall probe's process (see machine-stalls.ts): at nice -15 where allowed, it sleeps
 * SLEEP_MS at a time, for ever, and appends to the file given as its argument one line per wake
 * later than REPORT_MS (`epoch ms` and `ms late`). It shares nothing with the host: a stall it
 * sees is the machine's (the hypervisor, the kernel), not the host's. Ends when killed or when the
 * benchmark that started it is gone.
 */
const SLEEP_MS = PROBE_SLEEP_MS;
const REPORT_MS = 10;

const file = process.argv[2];
if (!file) throw new Error('usage: machine-stall-child.js FILE');
try {
  setPriority(0, -15);
} catch {
  // without CAP_SYS_NICE it probes at nice 0: it may then see the host's load as well
}
writeFileSync(file, '');
const word = new Int32Array(new SharedArrayBuffer(4));
const parent = process.ppid;
for (let n = 0; ; n++) {
  if (n % 500 === 0 && process.ppid !== parent) process.exit(0); // the benchmark is gone (killed): so is its witness
  const t0 = performance.now();
  Atomics.wait(word, 0, 0, SLEEP_MS);
  const late = performance.now() - t0 - SLEEP_MS;
  if (late >= REPORT_MS) appendFileSync(file, `${(performance.timeOrigin + t0 + SLEEP_MS).toFixed(1)} ${late.toFixed(1)}\n`);
}
