import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../../../core/cli/main';
import { runCli } from '../../../helpers/run-cli';

describe('neurorack run --web (the panel served on the replay\'s host, as `start` serves it)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'nr-run-web-'));
  const replay = join(dir, 'r.json');
  writeFileSync(replay, JSON.stringify({ duration_s: 20, events: [{ t: 0.5, type: 'gate', jack: 1, state: 'high' }, { t: 0.6, type: 'gate', jack: 1, state: 'low' }] }));

  it('prints the panel\'s address, answers on it while the replay plays, and closes it after', async () => {
    let info: Promise<{ status: number; body: { audioRate?: number } }> | undefined;
    let text = '';
    const stdout = new Writable({
      write(chunk: Buffer, _enc, done) {
        text += chunk.toString();
        const url = /^Panel: (\S+)/m.exec(text)?.[1];
        if (url && !info) info = fetch(`${url}api/info`).then(async (r) => ({ status: r.status, body: (await r.json()) as { audioRate?: number } }));
        done();
      },
    });
    const stderr = new Writable({ write: (_c, _e, done) => done() });
    const code = await main(['run', '--profile', 'test', '--replay', replay, '--metrics', join(dir, 'm.json'), '--web', '0'], { stdout, stderr, cwd: dir });
    assert.equal(code, 0);
    const url = /^Panel: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(text)?.[1];
    assert.ok(url, text);
    const answer = await info!;
    assert.equal(answer.status, 200);
    assert.ok(answer.body.audioRate! > 0);
    await assert.rejects(fetch(`${url}api/info`), 'closed once the replay is over');
  });

  it('refuses a port that is not one, before booting', async () => {
    const res = await runCli(['run', '--profile', 'test', '--replay', replay, '--metrics', join(dir, 'm.json'), '--web', 'eighty'], dir);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /--web eighty: expected a port number/);
  });
});
