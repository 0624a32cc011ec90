import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { BlockMixer } from './block-mixer';
import { SpscRing } from './spsc-ring';
import { BLOCK_HEADER, Cmd, CMD_WIDTH, Ctl, type RenderMessage, type WorkerInit } from './worker-protocol';

/**
 * The audio worker: waits for block credits from the control thread, and for each one applies the
 * queued commands, fills one block and pushes it (with its header) into the output ring. It never
 * touches the event loop while running: renders arrive through `receiveMessageOnPort`, commands
 * and credits through shared memory.
 *
 * Realtime boundary: everything inside the loop after start-up awaits nothing and allocates
 * nothing but a view of a render slot per render (renders in slots arrive as commands; renders too
 * long for a slot arrive as transferred or shared buffers). After each block, slots the mixer no
 * longer reads are reported back through the `released` ring, so the control thread reuses them.
 */
function run(init: WorkerInit): void {
  const mixer = new BlockMixer(init.mixer);
  const cmd = new SpscRing(init.cmd);
  const out = new SpscRing(init.out);
  const ctrl = new Int32Array(init.ctrl);
  const rec = new Float32Array(BLOCK_HEADER + init.mixer.blockSize);
  const block = rec.subarray(BLOCK_HEADER);
  const c = new Float32Array(CMD_WIDTH);
  const port = parentPort!;
  const released = new SpscRing(init.released);
  const slotAudio = init.slots.audio.map((b) => new Float32Array(b));
  const slotSpans = init.slots.spans.map((b) => new Int32Array(b));
  /** The view of each slot the mixer was given (null: the worker does not hold the slot). */
  const held: Array<Float32Array | null> = slotAudio.map(() => null);
  const one = new Float32Array(1);
  const render = (filling: boolean): void => {
    const k = c[1]!;
    const view = slotAudio[k]!.subarray(0, c[2]!);
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
  for (;;) {
    Atomics.wait(ctrl, Ctl.credits, 0, 50);
    if (Atomics.load(ctrl, Ctl.stop)) return;
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const r = m.message as RenderMessage;
      mixer.setRender(r.audio, r.version, r.ready);
    }
    while (Atomics.load(ctrl, Ctl.credits) > 0) {
      while (cmd.pop(c, 0, CMD_WIDTH)) {
        switch (c[0]) {
          case Cmd.trigger: mixer.trigger(); break;
          case Cmd.loopOn: mixer.setLoop(true); break;
          case Cmd.loopOff: mixer.setLoop(false); break;
          case Cmd.playhead: mixer.setPlayhead(c[1]!); break;
          case Cmd.volume: mixer.setVolume(c[1]!); break;
          case Cmd.render: render(false); break;
          case Cmd.renderFilling: render(true); break;
        }
      }
      mixer.fill(block);
      releaseUnused();
      const info = mixer.info;
      rec[0] = info.started;
      rec[1] = info.loopStarted;
      rec[2] = info.versionHeard;
      rec[3] = info.currentVersion;
      if (!out.push(rec)) Atomics.add(ctrl, Ctl.overflows, 1);
      Atomics.add(ctrl, Ctl.blocks, 1);
      Atomics.sub(ctrl, Ctl.credits, 1);
    }
  }
}

run(workerData as WorkerInit);
