import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Host } from '../../../core/host/host';
import { startWeb } from '../../../core/host/start-web';
import { VirtualClock } from '../../../core/scheduler/virtual-clock';
import type { WebServer } from '../../../core/web/create-web-server';
import { modelVariant, startModelRegistry, type ModelRegistryServer } from '../../helpers/model-registry-server';

/** The shipped FRAVE model as `id` at `version`, without the timbres named in `drop` (its files and manifest entries). */
function fraveVariant(root: string, id: string, version: string, drop: readonly string[]): string {
  return modelVariant(root, 'frave-impacts-v1', id, version, (m, dir) => {
    const gone = new Set(drop.map((t) => `timbres/${t}.json`));
    m['files'] = (m['files'] as Array<{ path: string }>).filter((f) => !gone.has(f.path));
    m['timbres'] = (m['timbres'] as Array<{ name: string }>).filter((t) => !drop.includes(t.name));
    for (const f of gone) fs.rmSync(path.join(dir, f));
  });
}

/**
 * A model installed with force over the copy the host has loaded (issue #24 point 3): the host plays
 * the new files, not the old copy until Reload. The running host (test profile, virtual clock) with
 * its web server installs from a registry the test serves; each published version of the model has
 * a different set of timbres, so the timbres the playing model reports say which copy plays.
 */
describe('a model replaced with force while loaded plays its new copy (issue #24 point 3)', function () {
  this.timeout(240_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-model-replace-'));
  const modelsBefore = process.env['NEURORACK_MODELS_DIR'];
  let host: Host;
  let clock: VirtualClock;
  let server: WebServer;
  let url: string;
  let registry: ModelRegistryServer;

  before(async () => {
    process.env['NEURORACK_MODELS_DIR'] = path.join(work, 'user-models');
    registry = await startModelRegistry(path.join(work, 'registry'));
    await registry.publish(fraveVariant(work, 'swap', '1.0.0', []), 'swap.nrmodel');
    clock = new VirtualClock();
    const booting = Host.boot({ profile: 'test' }, { clock, onError: () => undefined });
    let done = false;
    void booting.finally(() => (done = true));
    while (!done) await clock.advance(5);
    host = await booting;
    const web = await startWeb(host, { port: 0 }, () => undefined);
    server = web.server;
    url = web.url;
  });
  after(async () => {
    await server?.close();
    if (host) {
      const stopping = host.stop();
      await clock.advance(100);
      await stopping;
    }
    await registry?.close();
    if (modelsBefore === undefined) delete process.env['NEURORACK_MODELS_DIR'];
    else process.env['NEURORACK_MODELS_DIR'] = modelsBefore;
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Virtual time runs while real work (requests, loads) takes real time. */
  async function settle<T>(work: Promise<T>): Promise<T> {
    let done = false;
    void work.finally(() => (done = true)).catch(() => undefined);
    while (!done) {
      await clock.advance(20);
      await new Promise((r) => setTimeout(r, 5));
    }
    return work;
  }
  const post = async (route: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
    const res = await settle(fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-neurorack-request': '1' }, body: JSON.stringify(body) }));
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const timbres = () => host.engine.stats().timbres ?? [];
  const version = () => JSON.parse(fs.readFileSync(path.join(work, 'user-models', 'swap', 'manifest.json'), 'utf8')).version as string;

  it('installs from the registry named in the rack, plays it, and a forced replace plays the new files at once', async () => {
    assert.deepEqual((await post('api/models/registries', { registries: [registry.url] })).json, { registries: [registry.url], saved: false });
    const first = await post('api/models/registry/install', { registry: registry.url, id: 'swap' });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.deepEqual(first.json, { id: 'swap', runtime: 'frave', reloaded: false });
    assert.ok(host.live.view().models.some((m) => m.id === 'swap'), 'the Models page lists it without a restart');
    assert.equal((await post('api/models/select', { id: 'swap' })).status, 200);
    assert.equal(host.engine.playing, 'swap');
    assert.equal(timbres().length, 8);

    await registry.publish(fraveVariant(work, 'swap', '2.0.0', ['wood']), 'swap.nrmodel');
    const refused = await post('api/models/registry/install', { registry: registry.url, id: 'swap' });
    assert.equal(refused.status, 409);
    assert.equal((refused.json['error'] as { code: string }).code, 'NR_MODEL_EXISTS');
    assert.equal(version(), '1.0.0', 'nothing written on refusal');
    assert.equal(timbres().length, 8, 'the playing copy is untouched');

    const blocks = host.audio.blocksProduced;
    const replaced = await post('api/models/registry/install', { registry: registry.url, id: 'swap', force: true });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.json));
    assert.deepEqual(replaced.json, { id: 'swap', runtime: 'frave', reloaded: true });
    assert.equal(version(), '2.0.0');
    assert.equal(host.engine.playing, 'swap');
    assert.deepEqual(timbres(), ['metal', 'boom', 'debris', 'glass', 'membrane', 'noise', 'tail'], 'the new copy plays: its manifest has no "wood"');
    assert.deepEqual(host.live.view().model.timbres, timbres());
    await clock.advance(500);
    assert.ok(host.audio.blocksProduced > blocks, 'the audio path played on through the replace');
  });

  it('a loaded model that is not playing when replaced plays its new files when chosen again (no stale cached copy)', async () => {
    assert.equal((await post('api/models/select', { id: 'sinc-nsf-impacts-v1' })).status, 200);
    assert.equal(host.engine.playing, 'sinc-nsf-impacts-v1');
    await registry.publish(fraveVariant(work, 'swap', '3.0.0', ['wood', 'tail']), 'swap.nrmodel');
    const replaced = await post('api/models/registry/install', { registry: registry.url, id: 'swap', force: true });
    assert.deepEqual(replaced.json, { id: 'swap', runtime: 'frave', reloaded: false }, 'not playing: nothing to reload now');
    assert.equal(host.engine.playing, 'sinc-nsf-impacts-v1');
    assert.equal((await post('api/models/select', { id: 'swap' })).status, 200);
    assert.deepEqual(timbres(), ['metal', 'boom', 'debris', 'glass', 'membrane', 'noise'], 'version 3 plays, not the cached version 2');
  });
});
