import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { Host } from '../../../../core/host/host';
import type { ModelPackageEnvelope } from '../../../../core/model-packages/model-package-format';
import { packModel } from '../../../../core/model-packages/pack-model';
import { sha256Hex } from '../../../../core/model-packages/read-model-folder';
import { paths } from '../../../../core/paths';
import { bootHost, type BootedHost } from '../../../helpers/booted-host';
import { launchBrowser, type LaunchedBrowser, skipWithoutChromium } from '../helpers/browser';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The Model card's Install .nrmodel control on the running host (virtual profile, real clock), in Chromium. */
describe('installing a model package from the panel, in Chromium (issue #24 point 3)', function () {
  this.timeout(120_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-model-install-browser-'));
  const modelsBefore = process.env['NEURORACK_MODELS_DIR'];
  let booted: BootedHost | undefined;
  let host: Host;
  let browser: LaunchedBrowser;
  let page: Page;
  let good: Buffer;

  before(async function () {
    skipWithoutChromium(this);
    process.env['NEURORACK_MODELS_DIR'] = path.join(work, 'user-models');
    const source = path.join(work, 'uploaded-model');
    fs.cpSync(path.join(paths.models, 'sinc-nsf-impacts-v1'), source, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(source, 'manifest.json'), 'utf8'));
    fs.writeFileSync(path.join(source, 'manifest.json'), JSON.stringify({ ...manifest, id: 'uploaded-model', name: 'Uploaded model' }, null, 2));
    good = packModel(source);
    booted = await bootHost({ profile: 'virtual' });
    host = booted.host;
    const web = await booted.serveWeb();
    browser = await launchBrowser();
    page = await browser.open(web.url);
    await page.waitForFunction(() => document.querySelector('[data-testid="model-select"]').options.length > 0);
  });
  after(async () => {
    await browser?.close();
    await booted?.stop();
    if (modelsBefore === undefined) delete process.env['NEURORACK_MODELS_DIR'];
    else process.env['NEURORACK_MODELS_DIR'] = modelsBefore;
    fs.rmSync(work, { recursive: true, force: true });
  });

  const statusText = async () => (await page.textContent('[data-testid="models-status"]')) ?? '';

  it('shows the refusal of a damaged package with its code and installs nothing', async () => {
    const envelope = JSON.parse(gunzipSync(good).toString('utf8')) as ModelPackageEnvelope;
    const onnx = Buffer.from(envelope.files[1]!.data, 'base64');
    onnx[onnx.length - 1]! ^= 0xff;
    Object.assign(envelope.files[1]!, { data: onnx.toString('base64'), sha256: sha256Hex(onnx) });
    await page.setInputFiles('[data-testid="model-file"]', { name: 'bad.nrmodel', mimeType: 'application/octet-stream', buffer: gzipSync(Buffer.from(JSON.stringify(envelope))) });
    await page.waitForFunction(() => document.querySelector('[data-testid="models-status"]').dataset.tone === 'error');
    assert.match(await statusText(), /^NR_MODEL_HASH_MISMATCH: /);
    assert.deepEqual(fs.existsSync(path.join(work, 'user-models')) ? fs.readdirSync(path.join(work, 'user-models')) : [], []);
  });

  it('installs a chosen .nrmodel, lists it in the model list at once, and plays it', async () => {
    await page.setInputFiles('[data-testid="model-file"]', { name: 'good.nrmodel', mimeType: 'application/octet-stream', buffer: good });
    await page.waitForFunction(() => document.querySelector('[data-testid="models-status"]').textContent.startsWith('installed'));
    assert.equal(await statusText(), 'installed uploaded-model (runtime sinc-nsf)');
    const options = (await page.evaluate(`[...document.querySelectorAll('[data-testid="model-select"] option')].map((o) => o.value)`)) as string[];
    assert.ok(options.includes('uploaded-model'), options.join(', '));
    assert.ok(host.live.view().models.some((m) => m.id === 'uploaded-model'), "the module's Models page lists it");
    await page.selectOption('[data-testid="model-select"]', 'uploaded-model');
    await page.click('[data-testid="model-play"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="models"]').dataset.playing === 'uploaded-model', undefined, { timeout: 60_000 });
    assert.equal(host.engine.playing, 'uploaded-model');
  });
});
