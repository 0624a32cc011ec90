import { strict as assert } from 'node:assert';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createWebServer, type WebServer } from '../../../core/web/create-web-server';
import { PAIRING_LIMITS, clientKey } from '../../../core/web/pairing-limiter';
import { startBenchHost, type BenchHost } from './helpers/bench-host';

const CODE = '4242424242';
const WRONG = '1234567890';
const HOST = { host: '192.0.2.1:8940' };

/**
 * The attacks issue #27 found, run against the real server (fastify inject, each request from a
 * remote address of its own choosing): wrong codes on any path, a stranger rotating the code, a
 * flood from many addresses. Before the fix a cookie's wrong code was never counted, the other
 * paths rotated the code after five, and nothing was ever refused.
 */
describe('pairing under attack (web server, inject)', () => {
  let bench: BenchHost;
  let server: WebServer;
  let now: number;

  before(async () => {
    bench = await startBenchHost();
  });
  after(() => bench.close());
  beforeEach(async () => {
    now = 1_000_000;
    server = await createWebServer(bench.host, { host: '0.0.0.0', port: 0, pairingCode: CODE, pairingClock: () => now });
  });
  afterEach(() => server.close());

  const from = (remoteAddress: string, opts: InjectOptions): Promise<LightMyRequestResponse> =>
    server.app.inject({ ...opts, remoteAddress, headers: { ...HOST, ...(opts.headers ?? {}) } });
  const withHeader = (ip: string, code: string) => from(ip, { url: '/api/info', headers: { 'x-neurorack-pairing': code } });

  const paths: Array<[string, (ip: string, code: string) => Promise<LightMyRequestResponse>]> = [
    ['the nr_session cookie', (ip, code) => from(ip, { url: '/api/info', headers: { cookie: `nr_session=${code}` } })],
    ['the x-neurorack-pairing header', withHeader],
    ['?pair=', (ip, code) => from(ip, { url: `/api/info?pair=${code}` })],
    ['POST /api/pair (JSON)', (ip, code) => from(ip, { method: 'POST', url: '/api/pair', payload: { code } })],
    ['POST /api/pair (form)', (ip, code) => from(ip, { method: 'POST', url: '/api/pair', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `code=${code}` })],
    ['a websocket upgrade with ?pair=', (ip, code) => from(ip, { url: `/ws?pair=${code}`, headers: { upgrade: 'websocket', connection: 'upgrade' } })],
  ];
  for (const [path, send] of paths) {
    it(`counts every wrong code sent in ${path}: after five the address is locked out, even for the right code`, async () => {
      for (let i = 0; i < PAIRING_LIMITS.clientFreeFailures; i++) assert.equal((await send('192.0.2.7', WRONG)).statusCode, 401);
      const locked = await withHeader('192.0.2.7', CODE);
      assert.equal(locked.statusCode, 429, locked.body);
      assert.equal(locked.json().error.code, 'NR_WEB_PAIRING_LOCKED');
      assert.equal(locked.headers['retry-after'], '60');
      assert.equal(server.pairingCode(), CODE, 'wrong codes never change the code');
      assert.equal((await withHeader('192.0.2.8', CODE)).statusCode, 200, 'another address still pairs');
    });
  }

  it('a browser opening a page with ?pair=CODE gets a session and the page without the code; a wrong code gets the form (README walk)', async () => {
    const page = { accept: 'text/html' };
    const opened = await from('198.51.100.7', { url: `/?pair=${CODE}&tab=designer`, headers: page });
    assert.equal(opened.statusCode, 303);
    assert.equal(opened.headers.location, '/?tab=designer', 'the address without the code');
    const cookie = String(opened.headers['set-cookie'] ?? '').split(';')[0]!;
    assert.match(cookie, /^nr_session=[0-9a-f]{48}$/);
    const styles = await from('198.51.100.7', { url: '/css/panel.css', headers: { cookie } });
    assert.notEqual(styles.statusCode, 401, 'the page\'s styles come with the session');
    const wrong = await from('198.51.100.8', { url: `/?pair=${WRONG}`, headers: page });
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, /not the one on the screen/);
    const script = await from('198.51.100.9', { url: `/api/info?pair=${CODE}` });
    assert.equal(script.statusCode, 200, 'a script with ?pair= is answered as before, no redirect');
  });

  it('backs off exponentially: 1 min, then 2 min, 4 min ... up to an hour', async () => {
    for (let i = 0; i < 5; i++) await withHeader('192.0.2.7', WRONG);
    let lockMs = 60_000;
    for (let round = 0; round < 8; round++) {
      now += lockMs - 1000;
      assert.equal((await withHeader('192.0.2.7', CODE)).statusCode, 429, `round ${round}: still locked 1 s before the end`);
      now += 1000;
      assert.equal((await withHeader('192.0.2.7', WRONG)).statusCode, 401, `round ${round}: one code checked when the lockout ends`);
      lockMs = Math.min(lockMs * 2, PAIRING_LIMITS.clientMaxLockoutMs);
    }
    now += lockMs;
    assert.equal((await withHeader('192.0.2.7', CODE)).statusCode, 200, 'the right code pairs after the lockout');
    assert.equal((await withHeader('192.0.2.7', WRONG)).statusCode, 401, 'and pairing clears the address\'s record');
  });

  it('checks five codes of 2,000 sent as fast as they can be by one address', async () => {
    const started = process.hrtime.bigint();
    let checked = 0;
    for (let i = 0; i < 2000; i++) if ((await withHeader('192.0.2.9', String(1_000_000_000 + i))).statusCode !== 429) checked++;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.equal(checked, PAIRING_LIMITS.clientFreeFailures);
    console.log(`      (2,000 guesses in ${seconds.toFixed(2)} s, ${Math.round(2000 / seconds)}/s sent; ${checked} checked)`);
  });

  it('cannot be rotated or locked for everyone by strangers: a flood from many addresses leaves the code and a new browser\'s first try', async () => {
    // 25 addresses x 4 wrong codes fill the global window (100 an hour) without any client lockout.
    for (let a = 0; a < 25; a++) for (let i = 0; i < 4; i++) await withHeader(`198.51.100.${a}`, WRONG);
    assert.equal(server.pairingCode(), CODE);
    const attacker = await withHeader('198.51.100.0', CODE);
    assert.equal(attacker.statusCode, 429, 'an address that already failed is refused while the window is full');
    assert.match(attacker.json().error.message, /from the network in the last hour/);
    assert.equal((await withHeader('203.0.113.5', CODE)).statusCode, 200, 'a new browser pairs on its first try');
    assert.equal((await withHeader('2001:db8::99', WRONG)).statusCode, 401, 'a new address is checked once...');
    assert.equal((await withHeader('2001:db8::1:2', CODE)).statusCode, 429, '...and its /64 is then refused');
    for (let i = 0; i < 2; i++) assert.equal((await withHeader('127.0.0.1', WRONG)).statusCode, 401);
    assert.equal((await withHeader('127.0.0.1', CODE)).statusCode, 200, 'the module itself is outside the global window');
    now += PAIRING_LIMITS.globalWindowMs;
    assert.equal((await withHeader('198.51.100.0', CODE)).statusCode, 200, 'an hour later the window is empty');
  });

  it('does not count a stale session cookie (a restart forgets sessions) as a guess', async () => {
    const stale = `nr_session=${'ab'.repeat(24)}`;
    for (let i = 0; i < 20; i++) assert.equal((await from('192.0.2.7', { url: '/api/info', headers: { cookie: stale } })).statusCode, 401);
    const pair = await from('192.0.2.7', { method: 'POST', url: '/api/pair', headers: { cookie: stale }, payload: { code: '42424-24242' } });
    assert.equal(pair.statusCode, 200, pair.body);
    const cookie = String(pair.headers['set-cookie']).split(';')[0]!;
    assert.equal((await from('192.0.2.7', { url: '/api/info', headers: { cookie } })).statusCode, 200);
  });

  it('shows a lockout on the module\'s screen, with the code', async () => {
    bench.screenState.pairingAlerts.length = 0;
    for (let i = 0; i < 5; i++) await withHeader('192.0.2.7', WRONG);
    assert.deepEqual(bench.screenState.pairingAlerts, ['Pairing: 192.0.2.7 locked 1 min after 5 wrong codes. Code 42424-24242']);
  });

  it('makes a random ten-digit code, shown grouped on the screen', async () => {
    let told: string | undefined;
    const fresh = await createWebServer(bench.host, { host: '0.0.0.0', port: 0, onPairingCode: (c) => (told = c) });
    try {
      assert.match(told!, /^\d{10}$/);
      assert.equal(bench.screenState.pairingCode, `${told!.slice(0, 5)}-${told!.slice(5)}`);
    } finally {
      await fresh.close();
    }
  });
});

describe('clientKey', () => {
  it('counts IPv4 by address, IPv4-mapped as IPv4, IPv6 by its /64', () => {
    assert.equal(clientKey('192.0.2.7'), '192.0.2.7');
    assert.equal(clientKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.equal(clientKey('2001:db8:0:1::5'), '2001:db8:0:1::/64');
    assert.equal(clientKey('2001:DB8:0:1:aaaa:bbbb:cccc:dddd'), '2001:db8:0:1::/64');
    assert.equal(clientKey('fe80::1%eth0'), 'fe80:0:0:0::/64');
    assert.equal(clientKey('::1'), '::1');
  });
});
