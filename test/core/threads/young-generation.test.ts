import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { HOST_NODE_FLAGS } from '../../../core/host/host-node-flags';
import { packageRoot } from '../../../core/paths';
import { LONG_LIVED_THREAD_LIMITS, YOUNG_GENERATION_MB } from '../../../core/threads/young-generation';

/**
 * Allocates as a control pass does (arrays that live a little while: a ring of the last few hundred)
 * for `ms`, then reports the largest young generation (new space) V8 gave the thread, in MB.
 */
const CHURN = `
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const ring = new Array(400);
let most = 0;
const end = Date.now() + workerData.ms;
for (let i = 0; Date.now() < end; i++) {
  ring[i % ring.length] = new Array(1000).fill(i);
  if (i % 200 === 0) {
    const s = v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
    most = Math.max(most, s.space_size);
  }
}
parentPort.postMessage(most / 1048576);
`;

function youngGenerationOf(limits: ResourceLimits | undefined, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CHURN, { eval: true, workerData: { ms }, ...(limits ? { resourceLimits: limits } : {}) });
    w.once('message', (mb: number) => {
      resolve(mb);
      void w.terminate();
    });
    w.once('error', reject);
  });
}

describe('young generation of long-lived threads', function () {
  this.timeout(30_000);

  it('holds a thread that allocates to its cap, where V8 left alone grows it far past', async () => {
    const capped = await youngGenerationOf(LONG_LIVED_THREAD_LIMITS, 1500);
    const free = await youngGenerationOf(undefined, 1500);
    // V8 sizes the young generation's spaces from the cap (its new space can read a few times the
    // cap's megabytes); left alone it grew to 128 MB here.
    assert.ok(capped <= 4 * YOUNG_GENERATION_MB, `capped thread's new space ${capped.toFixed(1)} MB, expected within a few times the ${YOUNG_GENERATION_MB} MB cap`);
    assert.ok(free >= 3 * capped, `an uncapped thread's new space grew to ${free.toFixed(1)} MB, expected well past the capped ${capped.toFixed(1)} MB (else the cap measures nothing)`);
  });

  it('starts the host with its Node flags from npm start and the flags hold the main thread', () => {
    const start = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).scripts.start as string;
    const cli = start.indexOf('bin/neurorack.js');
    for (const flag of HOST_NODE_FLAGS) {
      const at = start.indexOf(` ${flag} `);
      assert.ok(at >= 0 && at < cli, `npm start runs "${start}", expected ${flag} before bin/neurorack.js`);
    }
    const script = CHURN.replace("require('node:worker_threads')", '{ parentPort: { postMessage: (mb) => console.log(mb) }, workerData: { ms: 1500 } }');
    const run = (flags: readonly string[]): number => {
      const r = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return Number(r.stdout.trim());
    };
    const flagged = run(HOST_NODE_FLAGS);
    const plain = run([]);
    assert.ok(flagged < plain / 2, `main thread's new space with ${HOST_NODE_FLAGS.join(' ')}: ${flagged.toFixed(1)} MB, without: ${plain.toFixed(1)} MB; expected the flags to hold it well below`);
  });
});
