/**
 * Node flags of the host process, wherever it is started (`npm start`, the systemd unit, the
 * benches that run it): the main thread's young generation held to 2 MB semispaces. V8 grows it
 * to 16 MB semispaces when much survives a scavenge and returns the memory only now and then, so
 * the resident memory of a host with a panel client swung by tens of megabytes; with this flag and
 * the threads' own cap (core/threads/young-generation.ts), four minutes of `bench:soak-start`
 * stayed within 394 to 411 MiB. The flag only exists at process start (V8 sizes the heap then), so
 * it is on the command line rather than set from inside; `test/core/host/host-node-flags.test.ts`
 * keeps `npm start` and the unit in step with this list.
 */
export const HOST_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
