import { strict as assert } from 'node:assert';
import type { Host } from '../../../core/host/host';
import type { PanelModels } from '../../../core/web/web-host';
import { bootHost, type BootedHost } from '../../helpers/booted-host';

const POST = { 'content-type': 'application/json', 'x-neurorack-request': '1' };

/** The panel's model card routes on the running host (virtual profile, real clock): list, switch to FRAVE, pick a timbre. */
describe('GET/POST /api/models on the running host (issue #23: the web panel lists the models and their timbres)', function () {
  this.timeout(120_000);
  let booted: BootedHost | undefined;
  let host: Host;
  let url: string;

  before(async () => {
    booted = await bootHost({ profile: 'virtual' });
    host = booted.host;
    ({ url } = await booted.serveWeb());
  });
  after(() => booted?.stop());

  const models = async (): Promise<PanelModels> => (await (await fetch(`${url}api/models`)).json()) as PanelModels;
  const post = (path: string, body: unknown, headers: Record<string, string> = POST) => fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });

  it('lists every installed model with the playing one; the sinc-NSF has no timbres', async () => {
    const m = await models();
    const ids = m.models.map((x) => x.id);
    assert.ok(ids.includes('sinc-nsf-impacts-v1') && ids.includes('frave-impacts-v1'), ids.join(', '));
    assert.equal(m.playing, 'sinc-nsf-impacts-v1');
    assert.deepEqual(m.timbres, []);
    assert.equal(m.timbre, null);
  });

  it('refuses an unknown model (404), a body without an id (400) and a request without the panel header (403), changing nothing', async () => {
    const unknown = await post('api/models/select', { id: 'nope' });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'NR_WEB_NOT_FOUND');
    assert.equal((await post('api/models/select', { name: 'x' })).status, 400);
    assert.equal((await post('api/models/select', { id: 'frave-impacts-v1' }, { 'content-type': 'application/json' })).status, 403);
    assert.equal((await models()).playing, 'sinc-nsf-impacts-v1');
  });

  it('switches to FRAVE while the sound goes on, then lists and plays its timbres', async () => {
    const blocks = (): number => host.audio.blocksProduced;
    const before = blocks();
    assert.equal((await post('api/models/select', { id: 'frave-impacts-v1' })).status, 200);
    let m = await models();
    for (let i = 0; i < 200 && m.playing !== 'frave-impacts-v1'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      m = await models();
    }
    assert.equal(m.playing, 'frave-impacts-v1');
    assert.ok(blocks() > before, 'the audio path kept producing blocks through the switch');
    assert.ok(m.timbres.length >= 2 && m.timbre === m.timbres[0], `timbres ${m.timbres.join(', ')} playing ${m.timbre}`);
    const other = m.timbres[1]!;
    assert.equal((await post('api/models/timbre', { name: other })).status, 200);
    assert.equal((await models()).timbre, other);
    const bad = await post('api/models/timbre', { name: 'no-such-timbre' });
    assert.equal(bad.status, 404);
    assert.equal((await models()).timbre, other);
  });
});
