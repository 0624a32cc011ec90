import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { Host } from '../../../../core/host/host';
import { startWeb } from '../../../../core/host/start-web';
import type { WebServer } from '../../../../core/web/create-web-server';
import { modelVariant, startModelRegistry, type ModelRegistryServer } from '../../../helpers/model-registry-server';
import { chromiumMissing, launchBrowser } from '../helpers/browser';

declare const document: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The Community models card on the running host (virtual profile, real clock), in Chromium: name a registry, list it, install, see a refusal. */
describe('installing a model from a registry in the panel, in Chromium (issue #24 point 3)', function () {
  this.timeout(120_000);
  const work = fs.mkdtempSync(path.join(tmpdir(), 'nr-model-registry-browser-'));
  const modelsBefore = process.env['NEURORACK_MODELS_DIR'];
  let host: Host;
  let server: WebServer;
  let registry: ModelRegistryServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  let page: Page;

  before(async function () {
    const missing = chromiumMissing();
    if (missing) {
      console.log(`      (${missing})`);
      this.skip();
    }
    process.env['NEURORACK_MODELS_DIR'] = path.join(work, 'user-models');
    registry = await startModelRegistry(path.join(work, 'registry'));
    await registry.publish(modelVariant(work, 'sinc-nsf-impacts-v1', 'shared-model', '1.2.0'), 'shared-model.nrmodel');
    host = await Host.boot({ profile: 'virtual' }, { onError: () => undefined });
    const web = await startWeb(host, { port: 0 }, () => undefined);
    server = web.server;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(web.url);
    await page.waitForFunction(() => document.querySelector('[data-testid="model-select"]').options.length > 0);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await host?.stop();
    await registry?.close();
    if (modelsBefore === undefined) delete process.env['NEURORACK_MODELS_DIR'];
    else process.env['NEURORACK_MODELS_DIR'] = modelsBefore;
    fs.rmSync(work, { recursive: true, force: true });
  });

  const text = async (testid: string) => (await page.textContent(`[data-testid="${testid}"]`)) ?? '';

  it('names a registry, lists its models with runtime and size, installs one and the Model card lists it; installing it again is refused with its code', async () => {
    await page.fill('[data-testid="model-registries"]', registry.url);
    await page.click('[data-testid="save-model-registries"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="model-registry"]').options.length === 1);
    assert.deepEqual(host.live.modelInstalls.registries(), [registry.url]);
    await page.click('[data-testid="browse-model-registry"]');
    await page.waitForSelector('[data-testid="install-model-shared-model"]');
    const meta = await page.textContent('[data-testid="registry-model-shared-model"] [data-testid="meta"]');
    assert.match(meta ?? '', /^runtime sinc-nsf · \d+ KB · /);
    assert.match(await text('registry-model-shared-model'), /shared-model 1\.2\.0/);

    await page.click('[data-testid="install-model-shared-model"]');
    await page.waitForFunction(() => ['done', 'failed'].includes(document.querySelector('[data-testid="install-model-state-shared-model"]').dataset.state), undefined, { timeout: 60_000 });
    assert.equal(await text('install-model-state-shared-model'), 'Installed ✓');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="model-select"] option')].some((o: { value: string }) => o.value === 'shared-model'));
    assert.ok(host.live.view().models.some((m) => m.id === 'shared-model'), "the module's Models page lists it");

    await page.click('[data-testid="install-model-shared-model"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="install-model-state-shared-model"]').dataset.state === 'failed', undefined, { timeout: 60_000 });
    assert.match(await text('install-model-state-shared-model'), /^NR_MODEL_EXISTS: /);
    assert.deepEqual(fs.readdirSync(path.join(work, 'user-models')), ['shared-model']);
  });
});
