import { strict as assert } from 'node:assert';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { packBank } from '../../../core/banks/bank-pack';
import { createWebServer, type WebServer } from '../../../core/web/create-web-server';
import { startBenchHost, type BenchHost } from './helpers/bench-host';
import { writeSampleBank } from './helpers/sample-bank';

const JSON_POST = { 'content-type': 'application/json', 'x-neurorack-request': '1', host: '127.0.0.1:8940' };

describe('web server (inject, no socket)', () => {
  let bench: BenchHost;
  let server: WebServer;

  before(async () => {
    bench = await startBenchHost();
    await writeSampleBank(bench.banks.shipped, 'sample-impacts');
    server = await createWebServer(bench.host, { port: 0, maxUploadBytes: 64 * 1024 });
  });
  after(async () => {
    await server.close();
    await bench.close();
  });

  const inject = (opts: InjectOptions) => server.app.inject(opts);

  describe('loopback binding', () => {
    it('serves the panel and API to a loopback Host without pairing', async () => {
      assert.equal(server.pairingRequired, false);
      const page = await inject({ url: '/', headers: { host: '127.0.0.1:8940' } });
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-security-policy'] as string, /script-src 'self'/);
      assert.equal(page.headers['x-frame-options'], 'DENY');
      const info = await inject({ url: '/api/info', headers: { host: 'localhost:8940' } });
      assert.equal(info.json().cvJacks.length, 4);
    });

    it('refuses a foreign Host header (DNS rebinding)', async () => {
      const res = await inject({ url: '/api/info', headers: { host: 'evil.example:8940' } });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'NR_WEB_HOST_REFUSED');
    });

    it('refuses a POST without the custom header (cross-site form)', async () => {
      const res = await inject({ method: 'POST', url: '/api/control', headers: { host: '127.0.0.1:8940', 'content-type': 'application/json' }, payload: { type: 'cv', jack: 1, volts: 1 } });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'NR_WEB_CROSS_SITE');
    });

    it('refuses a request from another Origin', async () => {
      const res = await inject({ method: 'POST', url: '/api/control', headers: { ...JSON_POST, origin: 'http://evil.example' }, payload: { type: 'cv', jack: 1, volts: 1 } });
      assert.equal(res.statusCode, 403);
      assert.match(res.json().error.message, /Origin http:\/\/evil.example/);
    });

    it('accepts a same-origin control event and it reaches the emulated chip', async () => {
      const res = await inject({ method: 'POST', url: '/api/control', headers: { ...JSON_POST, origin: 'http://127.0.0.1:8940' }, payload: { type: 'cv', jack: 2, volts: -3.5 } });
      assert.equal(res.statusCode, 200, res.body);
      await new Promise((r) => setTimeout(r, 150));
      const state = (await inject({ url: '/api/state', headers: { host: '127.0.0.1:8940' } })).json();
      assert.ok(Math.abs(state.cv[1].volts - -3.5) < 0.05, JSON.stringify(state.cv));
    });

    const badControls: Array<[string, unknown, string]> = [
      ['a knob beyond +5 V', { type: 'cv', jack: 1, volts: 7 }, 'NR_WEB_CONTROL_OUT_OF_RANGE'],
      ['a jack that does not exist', { type: 'cv', jack: 9, volts: 0 }, 'NR_WEB_CONTROL_OUT_OF_RANGE'],
      ['NaN volts (as a string)', { type: 'cv', jack: 1, volts: 'NaN' }, 'NR_WEB_MESSAGE_INVALID'],
      ['an unknown type', { type: 'laser' }, 'NR_WEB_MESSAGE_INVALID'],
      ['an extra field', { type: 'button', state: 'down', t: 3 }, 'NR_WEB_MESSAGE_INVALID'],
      ['a fractional encoder delta', { type: 'encoder', delta: 0.5 }, 'NR_WEB_MESSAGE_INVALID'],
      ['an array', [1, 2], 'NR_WEB_MESSAGE_INVALID'],
    ];
    for (const [what, payload, code] of badControls) {
      it(`rejects ${what} with ${code}`, async () => {
        const res = await inject({ method: 'POST', url: '/api/control', headers: JSON_POST, payload: JSON.stringify(payload) });
        assert.equal(res.statusCode, 400);
        assert.equal(res.json().error.code, code);
      });
    }

    it('rejects malformed JSON with a clear message', async () => {
      const res = await inject({ method: 'POST', url: '/api/control', headers: JSON_POST, payload: '{"type": cv' });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'NR_WEB_MESSAGE_INVALID');
    });

    for (const bad of ['..', '..%2F..%2Fetc', 'a%2Fb', 'UPPER', 'a..b', '%2e%2e']) {
      it(`rejects the bank id ${bad} (URL-encoded) before it touches a path`, async () => {
        const res = await inject({ url: `/api/banks/${bad}/entries/x`, headers: { host: '127.0.0.1:8940' } });
        assert.ok([400, 404].includes(res.statusCode), res.body);
        if (res.statusCode === 400) assert.equal(res.json().error.code, 'NR_WEB_NAME_UNSAFE');
        const save = await inject({ method: 'POST', url: `/api/banks/${bad}/entries`, headers: JSON_POST, payload: { entry: 'x', frames: [[0, 0, 0, 0, 0, 0, 0]] } });
        assert.ok([400, 404].includes(save.statusCode), save.body);
      });
    }

    it('rejects an entry name with a path separator', async () => {
      const res = await inject({ method: 'POST', url: '/api/banks/my-bank/entries', headers: JSON_POST, payload: { entry: '../evil', frames: [[0, 0, 0, 0, 0, 0, 0]] } });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'NR_BANK_ENTRY_NAME_UNSAFE');
    });

    it('rejects frames of the wrong width and values out of range, naming where', async () => {
      const wide = await inject({ method: 'POST', url: '/api/banks/my-bank/entries', headers: JSON_POST, payload: { entry: 'x', frames: [[0, 0, 0]] } });
      assert.equal(wide.json().error.code, 'NR_WEB_MESSAGE_INVALID');
      assert.equal(wide.json().error.pointer, '/frames/0');
      const hot = await inject({ method: 'POST', url: '/api/banks/my-bank/entries', headers: JSON_POST, payload: { entry: 'x', frames: [[0.1, 0.1, 20000, 0.1, 100, 100, 100]] } });
      assert.equal(hot.statusCode, 400);
      assert.equal(hot.json().error.code, 'NR_BANK_VALUE_INVALID');
    });

    it('refuses to write into a shipped bank', async () => {
      const res = await inject({ method: 'POST', url: '/api/banks/sample-impacts/entries', headers: JSON_POST, payload: { entry: 'x', frames: [[0.1, 0.1, 2000, 0.1, 100, 100, 100]] } });
      assert.equal(res.statusCode, 409);
      assert.equal(res.json().error.code, 'NR_WEB_BANK_READ_ONLY');
    });

    it('refuses an oversized upload with NR_WEB_UPLOAD_TOO_LARGE', async () => {
      const res = await inject({ method: 'POST', url: '/api/banks/import', headers: { ...JSON_POST, 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(65 * 1024, 1) });
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().error.code, 'NR_WEB_UPLOAD_TOO_LARGE');
    });

    it('refuses an upload that is not a packed bank, and one whose hash does not match', async () => {
      const junk = await inject({ method: 'POST', url: '/api/banks/import', headers: { ...JSON_POST, 'content-type': 'application/octet-stream' }, payload: Buffer.from('hello') });
      assert.equal(junk.json().error.code, 'NR_BANK_PACK_INVALID');
      const bank = await writeSampleBank(bench.banks.shipped, 'to-tamper', 1);
      const envelope = JSON.parse(gunzipSync(packBank(bank)).toString());
      envelope.bank.entries[0].frames[0][0] = 0.123;
      const tampered = await inject({ method: 'POST', url: '/api/banks/import', headers: { ...JSON_POST, 'content-type': 'application/octet-stream' }, payload: gzipSync(JSON.stringify(envelope)) });
      assert.equal(tampered.statusCode, 400);
      assert.equal(tampered.json().error.code, 'NR_BANK_HASH_MISMATCH');
    });

    it('exports a bank and imports it back into the user banks', async () => {
      const exported = await inject({ url: '/api/banks/sample-impacts/export', headers: { host: '127.0.0.1:8940' } });
      assert.equal(exported.statusCode, 200);
      assert.match(exported.headers['content-disposition'] as string, /sample-impacts\.nrbank/);
      const imported = await inject({ method: 'POST', url: '/api/banks/import', headers: { ...JSON_POST, 'content-type': 'application/octet-stream' }, payload: exported.rawPayload });
      assert.equal(imported.statusCode, 200, imported.body);
      assert.deepEqual(imported.json(), { bankId: 'sample-impacts', entries: 3 });
      const again = await inject({ method: 'POST', url: '/api/banks/import', headers: { ...JSON_POST, 'content-type': 'application/octet-stream' }, payload: exported.rawPayload });
      assert.equal(again.json().error.code, 'NR_BANK_EXISTS');
    });

    it('auditions a curve through the model and returns Float32 audio', async () => {
      const frames = Array.from({ length: 10 }, () => [0.2, 0.1, 2000, 0.1, 500, 800, 220]);
      const res = await inject({ method: 'POST', url: '/api/audition', headers: JSON_POST, payload: { frames } });
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['x-sample-rate'], '22050');
      assert.equal(res.rawPayload.length, 10 * 512 * 4);
    });
  });

  describe('non-loopback binding (pairing)', () => {
    let lan: WebServer;
    let shown: string | undefined;
    before(async () => {
      lan = await createWebServer(bench.host, { host: '0.0.0.0', port: 0, pairingCode: '424242', onPairingCode: (c) => (shown = c) });
    });
    after(() => lan.close());

    it('turns pairing on and shows the code on the module screen', () => {
      assert.equal(lan.pairingRequired, true);
      assert.equal(shown, '424242');
      assert.equal(bench.screenState.pairingCode, '424242');
    });

    it('refuses API calls and pages without the code', async () => {
      const api = await lan.app.inject({ url: '/api/info', headers: { host: '192.0.2.2:8940' } });
      assert.equal(api.statusCode, 401);
      assert.equal(api.json().error.code, 'NR_WEB_PAIRING_REQUIRED');
      const page = await lan.app.inject({ url: '/', headers: { host: '192.0.2.2:8940', accept: 'text/html' } });
      assert.equal(page.statusCode, 401);
      assert.match(page.body, /Pair this browser/);
    });

    it('accepts the code in the header, and pairs a browser with a session cookie', async () => {
      const api = await lan.app.inject({ url: '/api/info', headers: { host: '192.0.2.2:8940', 'x-neurorack-pairing': '424242' } });
      assert.equal(api.statusCode, 200);
      const pair = await lan.app.inject({ method: 'POST', url: '/api/pair', headers: { host: '192.0.2.2:8940', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'code=424242&next=%2Fdesigner.html' });
      assert.equal(pair.statusCode, 303);
      assert.equal(pair.headers.location, '/designer.html');
      const cookie = String(pair.headers['set-cookie']).split(';')[0]!;
      assert.match(String(pair.headers['set-cookie']), /HttpOnly; SameSite=Strict/);
      const page = await lan.app.inject({ url: '/designer.html', headers: { host: '192.0.2.2:8940', cookie } });
      assert.equal(page.statusCode, 200);
    });

    it('does not follow a pairing redirect off the site', async () => {
      const pair = await lan.app.inject({ method: 'POST', url: '/api/pair', headers: { host: '192.0.2.2:8940', 'content-type': 'application/x-www-form-urlencoded' }, payload: 'code=424242&next=%2F%2Fevil.example' });
      assert.equal(pair.headers.location, '/');
    });
  });
});
