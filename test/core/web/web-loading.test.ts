import { strict as assert } from 'node:assert';
import Fastify from 'fastify';
import { lazySchemaCompilers } from '../../../core/web/lazy-schema-compilers';
import { inFreshNode, LOADED_MODULES } from '../../helpers/fresh-node';

/** In a fresh Node: builds a server (`options` as source) with a route `route` (source), readies it and says which schema compilers are loaded. */
function compilersLoaded(options: string, route: string): { validator: boolean; serializer: boolean } {
  return inFreshNode(`
    const Fastify = require('fastify');
    const { lazySchemaCompilers } = require('./dist/core/web/lazy-schema-compilers.js');
    const app = Fastify(${options});
    app.post('/x', ${route}, async (req) => ({ ok: true, extra: 1 }));
    app.ready().then(() => {
      const loaded = ${LOADED_MODULES};
      console.log(JSON.stringify({
        validator: loaded.some((f) => f.includes('node_modules/@fastify/ajv-compiler/')),
        serializer: loaded.some((f) => f.includes('node_modules/@fastify/fast-json-stringify-compiler/')),
      }));
    });
  `) as { validator: boolean; serializer: boolean };
}

const LAZY = '{ schemaController: { compilersFactory: lazySchemaCompilers() } }';
const SCHEMAS = "{ schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }, response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }";

describe('loading the web server', function () {
  this.timeout(120_000);

  describe('lazySchemaCompilers', () => {
    it("loads neither of fastify's schema compilers for routes without schemas (fastify's default loads both)", () => {
      assert.deepEqual(compilersLoaded('{}', '{}'), { validator: true, serializer: true });
      assert.deepEqual(compilersLoaded(LAZY, '{}'), { validator: false, serializer: false });
    });

    it('loads each the first time a route declares a schema of its kind', () => {
      assert.deepEqual(compilersLoaded(LAZY, SCHEMAS), { validator: true, serializer: true });
      assert.deepEqual(compilersLoaded(LAZY, "{ schema: { body: { type: 'object' } } }"), { validator: true, serializer: false });
    });

    it("is what the panel's server is built with: serving the panel loads neither compiler", () => {
      const loaded = inFreshNode(`
        require('reflect-metadata');
        (async () => {
          const { startBenchHost } = require('./dist/test/core/web/helpers/bench-host.js');
          const { createWebServer } = require('./dist/core/web/create-web-server.js');
          const bench = await startBenchHost();
          const server = await createWebServer(bench.host, { port: 0 });
          await server.app.ready();
          const page = await server.app.inject({ url: '/', headers: { host: '127.0.0.1:8940' } });
          const files = ${LOADED_MODULES};
          await server.close();
          await bench.close();
          console.log(JSON.stringify({ status: page.statusCode, compilers: files.filter((f) => f.includes('node_modules/@fastify/ajv-compiler/') || f.includes('node_modules/@fastify/fast-json-stringify-compiler/')) }));
        })();
      `) as { status: number; compilers: string[] };
      assert.equal(loaded.status, 200);
      assert.deepEqual(loaded.compilers, []);
    });

    it("validates requests and shapes replies as fastify's defaults do", async () => {
      const app = Fastify({ schemaController: { compilersFactory: lazySchemaCompilers() } });
      app.post('/x', { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }, response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } } } } }, async () => ({ ok: true, extra: 1 }));
      const bad = await app.inject({ method: 'POST', url: '/x', payload: { n: 'three' } });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().message, /body\/n must be integer/);
      const good = await app.inject({ method: 'POST', url: '/x', payload: { n: 3 } });
      assert.equal(good.statusCode, 200);
      assert.deepEqual(good.json(), { ok: true }, 'the reply schema drops what it does not name');
      await app.close();
    });
  });

  describe('loadStartWeb', () => {
    it('loads the web server a module at a time: the event loop turns between them, and timers due run', () => {
      const seen = inFreshNode(`
        require('reflect-metadata');
        let turns = 0;
        let timers = 0;
        const tick = () => { turns++; if (!done) setImmediate(tick); };
        let done = false;
        setImmediate(tick);
        const timer = setInterval(() => timers++, 1);
        require('./dist/core/host/load-web.js').loadStartWeb().then((startWeb) => {
          done = true;
          clearInterval(timer);
          const loaded = ${LOADED_MODULES};
          console.log(JSON.stringify({ turns, timers, startWeb: typeof startWeb, fastify: loaded.includes('node_modules/fastify/fastify.js') }));
        });
      `) as { turns: number; timers: number; startWeb: string; fastify: boolean };
      assert.equal(seen.startWeb, 'function');
      assert.ok(seen.fastify, 'fastify is loaded');
      // Eight modules, each in its own turn: a ticker on setImmediate runs between each two.
      assert.ok(seen.turns >= 7, `the loop turned ${seen.turns} times while the web server loaded`);
      assert.ok(seen.timers >= 4, `a 1 ms interval ran ${seen.timers} times while the web server loaded`);
    });
  });
});
