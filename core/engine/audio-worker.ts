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
 * Realtime boundary: everything inside the loop after start-up allocates nothing (renders arrive
 * as transferred buffers) and awaits nothing.
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
        }
      }
      mixer.fill(block);
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
