import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/**
 * Nice values of the host's threads by role (-20 runs first, 19 last). Missing a deadline costs
 * most at the top: the emulated card's clock stands for hardware that never waits; an audio block
 * written late is a dropout; the control thread (gates, CVs, mappings, triggers) comes next, ahead
 * of the main thread (screen, web, menu) at the default, and so does a model thread while it
 * writes a render's first chunk (a stepped gate waits for it: at nice 0 beside a busy main thread
 * a 10-frame first chunk took 7 to 12 ms, 5.8 alone), below the control thread: level with it,
 * the control thread, woken for each ADC conversion of a gate's scan (every 0.3 ms), competed with
 * two first chunks for the two cores, and a gate's scan, a millisecond of conversions, took up to
 * 7 ms (bench:patches stale; the control thread also runs SCHED_FIFO where allowed, below). The rest of a render is written ahead of the voices reading
 * it, so it can wait. A first chunk a voice waits for (a stepped gate's, `urgentChunk`) goes before
 * the other first chunks (a voice's part under moving CVs, a cancelled chunk still running on
 * another model thread), still after the control thread. A model thread loads its model (onnxruntime, the session, the golden check
 * and the warm-up) at the default, level with the main thread, and lowers itself to `model` once
 * its model is loaded (ModelThreadPriority); while the host boots it loads at `modelBoot`, ahead of
 * the control thread (nothing plays yet, and the load is the path to playable: at nice 0 it shared
 * the cores with the main thread's screen, the bank thread and the control thread's first ADC
 * polls, and the session took 330-380 ms to build against 130-150 at `modelBoot`); a model loaded
 * while the module plays still goes after the audio and the control thread. Meters (the follow meter)
 * measure what has already played and wait for everyone. A realtime replay's patch cables
 * (`patchCable`) stand for the world outside the module, which never waits either: at the default
 * they fell behind under four LFOs (each event more than 1 ms late moves the rest of the patch
 * with it), 850 ms over a 10-second replay, so the patch the host heard was slower than the one
 * written and a gate's distance from a CV step was not the replay's.
 */
export const THREAD_NICENESS = { cardClock: -15, patchCable: -15, audio: -10, modelBoot: -9, control: -8, urgentChunk: -7, firstChunk: -5, modelLoad: 0, model: 10, meter: 15 } as const;
export type ThreadRole = keyof typeof THREAD_NICENESS;

/**
 * Sets the calling thread's nice value for its role. On Linux a nice value belongs to a thread
 * (setpriority on "process" 0 is the calling thread), so only that thread and the threads it
 * starts afterwards change; elsewhere it would change the whole process, so it does nothing.
 * Raising a priority (a negative value) needs CAP_SYS_NICE or an RLIMIT_NICE that allows it
 * (docs/engine.md, "Thread priorities"); lowering one is always allowed. Returns whether it applied.
 */
export function setThreadPriority(role: ThreadRole): boolean {
  if (process.platform !== 'linux') return false;
  let applied: boolean;
  try {
    setPriority(0, THREAD_NICENESS[role]);
    applied = true;
  } catch {
    applied = false; // not permitted: the thread competes as an equal
  }
  const rt = (REALTIME_PRIORITY as Partial<Record<ThreadRole, number>>)[role];
  if (rt !== undefined) setThreadRealtime(rt);
  return applied;
}

/**
 * SCHED_FIFO priorities (1-99) of the threads that must answer the hardware in time: the control
 * thread and the audio worker. A nice value orders who gets the CPU, not how soon a woken thread
 * gets it back: on Linux 6.6 and later (EEVDF: the Pi 5's kernel and this machine's 6.18) a thread
 * at nice -8 woken for its next ADC conversion waits out the running thread's slice, 1 to 6 ms, and
 * a gate's edge and scan wait with it. At FIFO 40 it preempts at once and gives the core back
 * after each conversion (about 30 us of work, a few thousand times a second). The audio worker at
 * nice -10 waited on the run queue for 4 to 23 ms now and then with both cores busy (the LFO patch
 * with a panel client: about one wake in 240 came 12 ms or more after the last, its schedstat run
 * delay most of it), and past its buffer's 30 ms that is an xrun: it runs FIFO 35, below the control thread
 * (it wakes once a period and fills a block or two, about 0.2 ms each). The emulated card's clock
 * keeps its nice value: the card keeps its own time (SharedPcmRing). docs/engine.md, "Realtime
 * scheduling".
 */
export const REALTIME_PRIORITY = { control: 40, audio: 35 } as const;

/**
 * Makes the calling thread SCHED_FIFO at `priority`, with reset-on-fork so that the threads it
 * starts (a model thread started from the control thread, libuv's pool) do not inherit it. Node
 * has no call for it: util-linux's `chrt` sets it on this thread's id, once, when the thread
 * starts. Needs CAP_SYS_NICE or an RLIMIT_RTPRIO that allows it (the systemd unit grants both);
 * where refused, or without chrt, the thread keeps its nice value. Returns whether it applied.
 */
export function setThreadRealtime(priority: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const tid = ownThreadId();
    if (tid === null) return false;
    // Loaded here, not with the module: most threads that set a priority never run chrt.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    execFileSync('chrt', ['--fifo', '--reset-on-fork', '--pid', String(priority), String(tid)], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Raises another thread of this process (its system id, `tid`) to `role`'s nice value, unless it
 * already runs at that or higher; never lowers it. For a thread about to be handed urgent work
 * while it rests lower (a model thread woken for a voice's first chunk). Linux only (a nice value
 * belongs to a thread there); needs what raising one's own needs. Returns whether it applied.
 */
export function raiseThread(tid: number, role: ThreadRole): boolean {
  if (process.platform !== 'linux') return false;
  try {
    if (getPriority(tid) <= THREAD_NICENESS[role]) return true;
    setPriority(tid, THREAD_NICENESS[role]);
    return true;
  } catch {
    return false;
  }
}

/** The calling thread's id in the system (Linux: /proc/thread-self), or null elsewhere. */
export function ownThreadId(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}
