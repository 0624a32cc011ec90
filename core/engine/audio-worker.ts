import { receiveMessageOnPort } from 'node:worker_threads';
import { receiveInit } from '../threads/prestarted-workers';
import { openSharedAudioOut } from '../devices/audio-out/shared-ring-sink';
import { setThreadPriority } from '../scheduler/thread-priority';
import { BlockMixer } from './block-mixer';
import { SpscRing } from '../shared-memory/spsc-ring';
import { OutputLevels } from './output-levels';
import { BLOCK_HEADER, Cmd, CMD_WIDTH, Ctl, Priority, type RenderMessage, type WorkerInit } from './worker-protocol';

/**
 * The audio worker. It fills blocks with the mixer, keeps the output's levels (the meters read
 * them), and publishes each block (with its header) in the output ring for the thread that
 * observes them: always on credits, else only while that thread has listeners (an idle host with
 * no panel connected is not woken for every block). Two ways to pace it:
 * - **writing the device** (`init.device`): the worker drives the device itself, through the same
 *   driver as the control thread would, and fills a block whenever the device has room for one
 *   beyond the trigger reserve (the device wakes it each period; a trigger or loop start wakes it
 *   at once and may use the reserve). The control thread's stalls cannot starve the device.
 * - **credits** (a device only the control thread can write): it waits for block credits from the
 *   control thread, which hands the published blocks to the driver.
 * It asks for the audio role's raised priority first, so other threads' bursts (a model loading,
 * the control thread's garbage collection) cannot hold it off the CPU for a buffer's length.
 *
 * Realtime boundary: everything inside the loops after start-up awaits nothing and allocates
 * nothing but a view of a render slot per render (renders in slots arrive as commands; renders too
 * long for a slot arrive as transferred or shared buffers). After each block, slots the mixer no
 * longer reads are reported back through the `released` ring, so the control thread reuses them.
 */
async function run(init: WorkerInit): Promise<void> {
  const ctrl = new Int32Array(init.ctrl);
  Atomics.store(ctrl, Ctl.priority, setThreadPriority('audio') ? Priority.raised : Priority.refused);
  const mixer = new BlockMixer(init.mixer);
  const cmd = new SpscRing(init.cmd);
  const out = new SpscRing(init.out);
  const levels = new OutputLevels(new Float32Array(init.levels));
  const rec = new Float32Array(BLOCK_HEADER + init.mixer.blockSize);
  const block = rec.subarray(BLOCK_HEADER);
  const c = new Float32Array(CMD_WIDTH);
  const released = new SpscRing(init.released);
  const slotAudio = init.slots.audio.map((b) => new Float32Array(b));
  const slotSpans = init.slots.spans.map((b) => new Int32Array(b));
  /** The view of each slot the mixer was given (null: the worker does not hold the slot). */
  const held: Array<Float32Array | null> = slotAudio.map(() => null);
  const one = new Float32Array(1);
  const clockOffset = performance.timeOrigin - init.timeOrigin;

  const render = (filling: boolean): void => {
    const k = c[1]!;
    // A slot named again while held is the same render (now complete): the same view, so the
    // voices reading it see the same buffer and the mixer keeps counting it as in use.
    const kept = held[k];
    const view = kept && kept.length === c[2]! ? kept : slotAudio[k]!.subarray(0, c[2]!);
    held[k] = view;
    mixer.setRender(view, c[3]! + c[4]! * 65536, filling ? slotSpans[k]! : null);
  };
  const releaseUnused = (): void => {
    for (let k = 0; k < held.length; k++) {
      const view = held[k];
      if (!view || mixer.uses(view)) continue;
      one[0] = k;
      if (!released.push(one)) return; // full: tried again after the next block
      held[k] = null;
    }
  };
  const receiveRenders = (): void => {
    for (let m = receiveMessageOnPort(init.renders); m; m = receiveMessageOnPort(init.renders)) {
      const r = m.message as RenderMessage;
      mixer.setRender(r.audio, r.version, r.ready);
    }
  };
  /** Applies the queued commands; true when the next block starts a sound (it may use the reserve). */
  const applyCommands = (): boolean => {
    while (cmd.pop(c, 0, CMD_WIDTH)) {
      switch (c[0]) {
        case Cmd.trigger: mixer.trigger(c[1]! + c[2]! * 65536, c[3]!); break;
        case Cmd.loopOn: mixer.setLoop(true); break;
        case Cmd.loopOff: mixer.setLoop(false); break;
        case Cmd.playhead: mixer.setPlayhead(c[1]!); break;
        case Cmd.volume: mixer.setVolume(c[1]!); break;
        case Cmd.render: render(false); break;
        case Cmd.renderFilling: render(true); break;
      }
    }
    return mixer.startsNextBlock;
  };
  /** Fills one block (its levels and the sounding position kept for the other threads). */
  const fill = (): void => {
    mixer.fill(block);
    levels.take(block);
    Atomics.store(ctrl, Ctl.soundingAt, mixer.soundingAt);
    releaseUnused();
  };
  const ready = (): void => {
    Atomics.store(ctrl, Ctl.ready, 1);
    Atomics.notify(ctrl, Ctl.ready);
  };
  /**
   * Counts the block and hands it to the observing thread, stamped with what it started and the
   * time in that thread's clock: always on credits (that thread writes the device), else only
   * while it listens (unobserved, the header is not even filled).
   */
  const publish = (): void => {
    if (!init.device || Atomics.load(ctrl, Ctl.observed) === 1) stampAndPush();
    Atomics.add(ctrl, Ctl.blocks, 1);
  };
  const stampAndPush = (): void => {
    const info = mixer.info;
    rec[0] = info.started;
    rec[1] = info.loopStarted;
    rec[2] = info.versionHeard;
    rec[3] = info.currentVersion;
    const t = performance.now() + clockOffset;
    const seconds = Math.floor(t / 1000);
    rec[4] = seconds;
    rec[5] = t - seconds * 1000;
    rec[6] = info.staleStarts;
    if (!out.push(rec)) Atomics.add(ctrl, Ctl.overflows, 1);
  };

  if (init.device) {
    const { audioOut, sink } = await openSharedAudioOut(init.device);
    const { counters, index } = sink.wake;
    const blockSize = init.mixer.blockSize;
    let starting = false;
    ready();
    for (let seen = Atomics.load(counters, index); ; seen = Atomics.load(counters, index)) {
      if (Atomics.load(ctrl, Ctl.stop)) return;
      sink.awake();
      receiveRenders();
      // Held (AudioThread.start's `held`): the worker is up but writes nothing, so the device
      // does not start before there is something to play.
      if (Atomics.load(ctrl, Ctl.held) === 0) for (;;) {
        starting = applyCommands() || starting;
        const room = Math.floor(audioOut.space() / blockSize) - (starting ? 0 : init.reserveBlocks);
        if (room < 1) break;
        fill();
        const dropped = audioOut.dropped;
        if (!audioOut.write(block) && audioOut.dropped > dropped) Atomics.add(ctrl, Ctl.dropped, 1);
        publish();
        starting = false;
      }
      // The card's thread bumps `wake` as it frees room; the card's own time is the backstop (a
      // little after it, so the bump wins when that thread is on time).
      const sleepMs = Math.min(50, sink.msUntilRoom() + 0.5);
      sink.asleep(sleepMs);
      Atomics.wait(counters, index, seen, sleepMs);
    }
  }

  ready();
  for (;;) {
    Atomics.wait(ctrl, Ctl.credits, 0, 50);
    if (Atomics.load(ctrl, Ctl.stop)) return;
    receiveRenders();
    while (Atomics.load(ctrl, Ctl.credits) > 0) {
      applyCommands();
      fill();
      publish();
      Atomics.sub(ctrl, Ctl.credits, 1);
    }
  }
}

receiveInit<WorkerInit>((init) => void run(init));
