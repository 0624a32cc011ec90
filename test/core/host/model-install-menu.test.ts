import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Host } from '../../../core/host/host';
import { packModel } from '../../../core/model-packages/pack-model';
import { paths } from '../../../core/paths';
import type { VirtualClock } from '../../../core/scheduler/virtual-clock';
import type { PanelModels } from '../../../core/web/web-host';
import { bootHostOnVirtualClock, type VirtualBootedHost } from '../../helpers/booted-host';
import { panelGestures } from '../../helpers/panel-gestures';

/**
 * The panel's model upload on the running host (test profile, virtual clock): the package is
 * installed without a restart, GET /api/models and the menu's Models page (driven at the emulated
 * encoder and button, read back from the ST7789 framebuffer) list it, and the Models page plays it.
 */
describe('the panel installs a model package and the menu lists and plays it without a restart (issue #24 point 3)', function () {
  this.timeout(120_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-model-install-menu-'));
  const modelsBefore = process.env['NEURORACK_MODELS_DIR'];
  let booted: VirtualBootedHost | undefined;
  let host: Host;
  let clock: VirtualClock;
  let url: string;
  let pkg: Buffer;

  before(async () => {
    process.env['NEURORACK_MODELS_DIR'] = path.join(work, 'user-models');
    const source = path.join(work, 'uploaded-model');
    fs.cpSync(path.join(paths.models, 'sinc-nsf-impacts-v1'), source, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.json'), 'utf8'));
    fs.writeFileSync(path.join(source, 'manifest.json'), JSON.stringify({ ...manifest, id: 'uploaded-model' }, null, 2));
    pkg = packModel(source);
    booted = await bootHostOnVirtualClock({ profile: 'test' });
    ({ host, clock } = booted);
    ({ url } = await booted.serveWeb());
  });
  after(async () => {
    await booted?.stop();
    if (modelsBefore === undefined) delete process.env['NEURORACK_MODELS_DIR'];
    else process.env['NEURORACK_MODELS_DIR'] = modelsBefore;
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Virtual time runs while real work (requests, loads) takes real time. */
  const settle = <T>(work: Promise<T>): Promise<T> => booted!.settle(work);
  const press = () => panelGestures(host, clock).press();
  const turn = (detents: number) => panelGestures(host, clock).turn(detents);
  const screen = () => Buffer.from(host.emulated!.display!.emulator.readRgba());
  const listed = async (): Promise<PanelModels> => (await settle(fetch(`${url}api/models`).then((r) => r.json()))) as PanelModels;

  it('uploads a good package; /api/models and the Models page list it at once, and the Models page plays it', async () => {
    await press(); // the menu
    await turn(1); // Perform, Models
    await press();
    assert.equal(host.screen.currentPageId(), 'ui-core/models');
    const rowsBefore = host.live.view().models.map((m) => m.id);
    assert.ok(!rowsBefore.includes('uploaded-model'));
    await clock.advance(200);
    const before = screen();

    const res = await settle(fetch(`${url}api/models/install`, { method: 'POST', headers: { 'content-type': 'application/x-nrmodel', 'x-neurorack-request': '1' }, body: pkg }));
    assert.equal(res.status, 200, await res.clone().text());
    assert.deepEqual(await res.json(), { id: 'uploaded-model', runtime: 'sinc-nsf', reloaded: false });
    assert.ok(fs.existsSync(path.join(work, 'user-models', 'uploaded-model', 'model.onnx')));
    assert.ok((await listed()).models.some((m) => m.id === 'uploaded-model'), 'GET /api/models lists the new model');
    const rows = host.live.view().models.map((m) => m.id);
    assert.deepEqual(rows, [...rowsBefore, 'uploaded-model'], 'the Models page lists it after the shipped ones');
    await clock.advance(200);
    assert.notDeepEqual(screen(), before, 'the Models page was drawn again with the new row');

    // The cursor starts on the playing model; the new row is the last one.
    await turn(rows.length);
    await press(); // Play / Benchmark
    await press(); // Play
    await booted!.until('the uploaded model to play', () => host.live.view().model.id, { until: (id) => id === 'uploaded-model', timeoutMs: 30_000 });
    assert.equal((await listed()).playing, 'uploaded-model');
    const blocks = host.audio.blocksProduced;
    await clock.advance(500);
    assert.ok(host.audio.blocksProduced > blocks, 'the audio path plays on with the installed model');
  });
});
