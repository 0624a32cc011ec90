/**
 * Node flags of the host process, wherever it is started (`npm start`, the systemd unit, the
 * benches that run it).
 *
 * `--max-semi-space-size=2`: the main thread's young generation held to 2 MB semispaces. V8 grows it
 * to 16 MB semispaces when much survives a scavenge and returns the memory only now and then, so
 * the resident memory of a host with a panel client swung by tens of megabytes; with this flag and
 * the threads' own cap (core/threads/young-generation.ts), four minutes of `bench:soak-start`
 * stayed within 394 to 411 MiB. The flag only exists at process start (V8 sizes the heap then), so
 * it is on the command line rather than set from inside; `test/core/host/host-node-flags.test.ts`
 * keeps `npm start` and the unit in step with this list.
 *
 * `--single-threaded-gc`: each thread collects its own garbage, with no help from V8's shared
 * background threads. Those run at the default priority, and a realtime thread (the control
 * thread at SCHED_FIFO 40, the audio worker at 35) that hands part of a scavenge to them waits for
 * them when the cores are busy: under the LFO patch with a panel client (`bench:patches`, three
 * 20-second runs each way, alternating) the control thread's scavenges of 5 ms or more fell from
 * 14-18 per run to 0-3, of 10 ms or more from 2-5 to 0-2, and its time in GC from 32-39 to
 * 18-21 ms a second, for the same 31-34 scavenges a second; the other threads' collections did
 * not get longer.
 */
export const HOST_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--single-threaded-gc'];
