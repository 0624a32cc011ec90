import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { container } from 'tsyringe';
import { PluginLoader } from '../../../core/plugins/plugin-loader';
import { SchemaRegistry } from '../../../core/schemas/schema-registry';
import { hostVersion } from '../../../core/host-version';
import { packageRoot } from '../../../core/paths';

describe('cv-mappings-core plugin', () => {
  it('loads through the plugin loader with manifest and exports agreeing both ways', async () => {
    const loader = new PluginLoader(new SchemaRegistry(), hostVersion, container.createChildContainer());
    const [found] = loader.discover([{ dir: join(packageRoot, 'dist', 'plugins', 'cv-mappings-core'), source: 'builtin' }]);
    assert.equal(found!.status, 'ok', found!.error?.describe());
    const active = await loader.activate('cv-mappings-core');
    assert.deepEqual(Object.keys(active.module.provides).sort(), ['cv-curve', 'interpolate', 'latent-walk', 'scrub', 'transient', 'variation']);
    assert.equal(loader.findOffer('interpolate', 'cv-mapping')?.id, 'cv-mappings-core');
  });
});
