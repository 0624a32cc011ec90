import { strict as assert } from 'node:assert';
import { Tokens } from '../../../core/container/tokens';
import { PatchCable } from '../../../core/engine/replay/patch-cable';
import type { ReplayEvent } from '../../../core/engine/replay/replay-file';
import { Host } from '../../../core/host/host';
import { ControlThread } from '../../../core/host/control/control-thread';
import { tempRack } from '../../helpers/temp-rack';

const GATES = 16;
const EVERY_MS = 180;
const STALL_MS = 50;

/** Keeps this thread busy (a long garbage collection, a PNG encoded on the event loop). */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/**
 * Boots the host on the real clock, plays gate 1 from a sequencer on a patch cable (a thread of its
 * own writing the emulated ADC's pins) while the main thread stalls 50 ms out of every 80, and returns each gate's
 * delay from its edge to the block that started its voice (each gate its own), as the audio worker
 * wrote it to the device.
 */
async function gateDelaysUnderStalls(source: { profile: string } | { rackFile: string }): Promise<{ delays: number[]; threaded: boolean }> {
  // (Infinity for a gate that started no voice of its own.)
  const host = await Host.boot(source, { onError: () => undefined, recordAudio: false });
  try {
    const rack = host.container.resolve(Tokens.Rack).config;
    const blocks: Array<{ at: number; started: number }> = [];
    host.audio.onBlock((_block, info, at) => void blocks.push({ at, started: info.started }));
    await new Promise((r) => setTimeout(r, 500)); // the first sound rendered, the card running
    // A sequencer on gate 1, played by a patch cable in a thread of its own onto the ADC pins.
    const events: ReplayEvent[] = [];
    for (let n = 0; n < GATES; n++) {
      events.push({ t: (100 + n * EVERY_MS) / 1000, type: 'gate', jack: 1, state: 'high' }, { t: (120 + n * EVERY_MS) / 1000, type: 'gate', jack: 1, state: 'low' });
    }
    const cable = PatchCable.forRack(rack, host.emulated!.i2cGpio.adcPins, events)!;
    await cable.plug();
    const start = performance.now();
    await cable.start(start);
    // The main thread stalls most of the time; between stalls it lets its event loop turn.
    const end = start + 100 + GATES * EVERY_MS + 300;
    while (performance.now() < end) {
      stall(STALL_MS);
      await new Promise((r) => setTimeout(r, 30));
    }
    await cable.stop();
    const times: number[] = [];
    cable.take(Infinity, (e, at) => void (e.type === 'gate' && e.state === 'high' && times.push(at)));
    let from = 0;
    const delays = times.map((t) => {
      // The first block after the edge that started a voice, not one an earlier gate started
      // (Infinity: the gate started no voice of its own before the next gate came).
      const next = times[times.indexOf(t) + 1] ?? Infinity;
      const k = blocks.findIndex((b, i) => i >= from && b.at >= t && b.started > (blocks[i - 1]?.started ?? 0));
      if (k < 0 || blocks[k]!.at >= next) return Infinity;
      from = k + 1;
      return blocks[k]!.at - t;
    });
    return { delays, threaded: host.engine instanceof ControlThread };
  } finally {
    await host.stop();
  }
}

const summary = (d: number[]): string => d.map((x) => x.toFixed(1)).join(' ');

describe('the control thread under main-thread stalls (real clock, virtual profile)', function () {
  this.timeout(60_000);

  it('plays every gate within 25 ms of its edge while the main thread stalls 50 ms at a time', async () => {
    const { delays, threaded } = await gateDelaysUnderStalls({ profile: 'virtual' });
    if (process.env['NEURORACK_TEST_VERBOSE']) console.log(`      delays (ms): ${summary(delays)}`);
    assert.ok(threaded, 'the virtual profile reads its gates on a control thread of its own');
    assert.equal(delays.length, GATES);
    assert.ok(Math.max(...delays) < 25, `gate-to-voice delays (ms): ${summary(delays)}`);
  });

  it('cannot: with controlThread "main", the stalls delay gates by tens of milliseconds or lose them', async () => {
    const { delays, threaded } = await gateDelaysUnderStalls({ rackFile: tempRack({ controlThread: 'main' }, 'virtual') });
    assert.ok(!threaded);
    assert.ok(delays.some((d) => d > 30), `gate-to-voice delays (ms; Infinity: no voice of its own): ${summary(delays)}`);
  });
});
