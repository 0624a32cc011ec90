import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NeurorackError } from '../../../core/errors/neurorack-error';
import { DurableJsonFile } from '../../../core/state/durable-json-file';
import { Prng } from '../../../core/synth/prng';
import { checkCounterValue, counterValue, type CounterValue } from '../../helpers/power-cut-value';

const WRITER = join(__dirname, '..', '..', 'helpers', 'power-cut-writer.js');

function counterFile(dir: string): DurableJsonFile<CounterValue> {
  return new DurableJsonFile<CounterValue>(dir, 'settings', checkCounterValue);
}

/**
 * Runs the writer child from `first` on and kills it (SIGKILL) `afterMs` after it reported `saves`
 * saves done; returns the last n it reported saved and its pid.
 */
function killWriterMidWrite(dir: string, first: number, saves: number, afterMs: number): Promise<{ acked: number; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir, String(first)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = first - 1;
    let buffered = '';
    let armed = false;
    const arm = (): void => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), afterMs);
    };
    child.on('error', reject);
    child.stdout.on('data', (b: Buffer) => {
      buffered += b.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line !== 'ready') acked = Number(line);
        if (acked - first + 1 >= saves) arm();
      }
    });
    child.on('exit', () => resolve({ acked, pid: child.pid! }));
  });
}

describe('DurableJsonFile (settings and calibration that survive a power cut)', function () {
  this.timeout(300_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'nr-state-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the old or the new value, never garbage, when its writer is killed at random points mid-write (40 seeded kills or more)', async () => {
    const rng = new Prng(26);
    await counterFile(dir).save(counterValue(0));
    let last = 0;
    let midWrite = 0;
    // At least 40 kills, and on until 5 of them landed inside a write (at most 100): where a kill
    // lands depends on the machine's speed, and a fixed 40 saw only 4 inside a write on a loaded run.
    let kills = 0;
    for (let i = 0; i < 100 && (i < 40 || midWrite < 5); i++, kills++) {
      // After 0-2 saves, 0-80 ms into the next (a save takes 20-60 ms here: two atomic writes, four fsyncs).
      const { acked, pid } = await killWriterMidWrite(dir, last + 1, rng.int(0, 2), rng.uniform(0, 80));
      const loaded = counterFile(dir).load();
      assert.equal(loaded.from, 'current', `kill ${i}: ${loaded.warnings.map((w) => w.describe()).join('; ')}`);
      assert.deepEqual(loaded.warnings, []);
      const n = loaded.value!.n;
      // The last value saved before the kill (acked, or one whose ack was still in the pipe), or the one after it.
      assert.ok(n >= Math.max(acked, last), `kill ${i}: loaded ${n}, but ${acked} had been saved (previously ${last})`);
      // Every copy on disk is whole: the previous good copy (there from the second save on) loads too, and is not newer
      // (a kill between the copy and the rename leaves both alike).
      if (n > 0) {
        const previous = checkCounterValue((JSON.parse(readFileSync(join(dir, 'settings.prev.json'), 'utf8')) as { value: unknown }).value);
        assert.ok(previous.n <= n, `kill ${i}: previous copy ${previous.n}, current ${n}`);
      }
      // A temporary file of the killed writer left behind: the kill landed inside a write.
      if (readdirSync(dir).some((f) => f.includes(`.${pid}.`) && f.endsWith('.tmp'))) midWrite++;
      last = n;
    }
    assert.ok(midWrite >= 5, `at least 5 kills landed inside a write (${midWrite} of ${kills} did)`);
  });

  it('falls back to the previous good copy, with NR_STATE_RECOVERED, when the current file is torn or corrupt', async () => {
    const rng = new Prng(7);
    const good = readFileSync.bind(null);
    const damage: Array<[string, (file: string) => void]> = [
      ['zero-length', (f) => truncateSync(f, 0)],
      ['truncated at a random byte', (f) => truncateSync(f, rng.int(1, good(f).length - 2))],
      ['a zero-filled tail (delayed allocation after a power cut)', (f) => {
        const b = good(f);
        b.fill(0, rng.int(1, b.length - 1));
        writeFileSync(f, b);
      }],
      ['bad JSON', (f) => writeFileSync(f, '{"format": "neurorack-state/1", "value": {')],
      ['a flipped digit (sha256 mismatch)', (f) => writeFileSync(f, good(f).toString().replace('"n":2', '"n":3'))],
      ['schema-invalid (valid JSON, right sha256, wrong value)', (f) => {
        const value = { n: 2, words: ['x'] };
        const json = JSON.stringify(value);
        const sha = require('node:crypto').createHash('sha256').update(json).digest('hex') as string;
        writeFileSync(f, `{"format":"neurorack-state/1","sha256":"${sha}","value":${json}}`);
      }],
      ['not our format', (f) => writeFileSync(f, JSON.stringify(counterValue(2)))],
    ];
    for (const [what, hurt] of damage) {
      for (let k = 0; k < 5; k++) {
        rmSync(dir, { recursive: true, force: true });
        const file = counterFile(dir);
        await file.save(counterValue(1));
        await file.save(counterValue(2));
        hurt(file.file);
        const loaded = counterFile(dir).load();
        assert.equal(loaded.value?.n, 1, `${what}: the previous good copy`);
        assert.equal(loaded.from, 'previous');
        assert.deepEqual(loaded.warnings.map((w) => w.code), ['NR_STATE_RECOVERED'], what);
        assert.match(loaded.warnings[0]!.message, /settings\.json is not usable/);
      }
    }
  });

  it('never lets a corrupt current file replace the previous good copy, and the next save heals it', async () => {
    const file = counterFile(dir);
    await file.save(counterValue(1));
    await file.save(counterValue(2));
    truncateSync(file.file, 10);
    await file.save(counterValue(3));
    const loaded = counterFile(dir).load();
    assert.equal(loaded.value?.n, 3);
    assert.deepEqual(loaded.warnings, []);
    truncateSync(file.file, 0);
    assert.equal(counterFile(dir).load().value?.n, 1, 'the good copy from before the corrupt file');
  });

  it('says NR_STATE_LOST (never silent defaults) when neither copy is usable, and nothing at a first start', async () => {
    assert.deepEqual(counterFile(dir).load(), { value: undefined, from: 'none', warnings: [] });
    const file = counterFile(dir);
    await file.save(counterValue(1));
    await file.save(counterValue(2));
    writeFileSync(file.file, '');
    writeFileSync(file.previousFile, '{"torn');
    const loaded = counterFile(dir).load();
    assert.equal(loaded.value, undefined);
    assert.deepEqual(loaded.warnings.map((w) => w.code), ['NR_STATE_LOST']);
    assert.match(loaded.warnings[0]!.message, /settings\.json: NR_JSON_MALFORMED.*settings\.prev\.json: NR_JSON_MALFORMED/);
    assert.equal(readFileSync(file.file, 'utf8'), '', 'the damaged files are left for a person to look at');
  });

  it('refuses to save a value its validator rejects, and writes nothing', async () => {
    const file = counterFile(dir);
    await file.save(counterValue(1));
    await assert.rejects(file.save({ n: 5, words: [] }), (e: unknown) => e instanceof Error && /not a counter value/.test(e.message));
    assert.equal(counterFile(dir).load().value?.n, 1);
  });

  it('serialises saves started together: the last one called wins', async () => {
    const file = counterFile(dir);
    await Promise.all([1, 2, 3, 4, 5].map((n) => file.save(counterValue(n))));
    assert.equal(counterFile(dir).load().value?.n, 5);
    assert.equal(checkCounterValue((JSON.parse(readFileSync(file.previousFile, 'utf8')) as { value: unknown }).value).n, 4);
  });

  it('reports a folder it cannot write as NR_STATE_WRITE_FAILED', async () => {
    writeFileSync(join(dir, 'blocker'), '');
    const file = new DurableJsonFile<CounterValue>(join(dir, 'blocker', 'sub'), 'settings', checkCounterValue);
    await assert.rejects(file.save(counterValue(1)), (e: unknown) => e instanceof NeurorackError && e.code === 'NR_STATE_WRITE_FAILED');
  });
});
