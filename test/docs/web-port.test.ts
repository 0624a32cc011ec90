import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';
import { DEFAULT_WEB_PORT } from '../../core/web/create-web-server';

function read(...parts: string[]): string {
  return readFileSync(join(packageRoot, ...parts), 'utf8');
}

describe('the web port the docs give (issue #25 point 10)', () => {
  it('is the port the web server and the rack schema default to', () => {
    const docs = /default `http:\/\/127\.0\.0\.1:(\d+)\/`/.exec(read('docs', 'web-panel.md'));
    assert.ok(docs, 'docs/web-panel.md gives a default address');
    const schema = JSON.parse(read('schemas', 'rack.schema.json')) as { properties: { web: { properties: { port: { default: number } } } } };
    assert.equal(schema.properties.web.properties.port.default, DEFAULT_WEB_PORT, 'rack.schema.json web.port default');
    assert.equal(Number(docs[1]), DEFAULT_WEB_PORT, 'docs/web-panel.md');
    const readme = /playable from the browser at the address it prints \(http:\/\/127\.0\.0\.1:(\d+)\/\)/.exec(read('README.md'));
    assert.ok(readme, 'the README gives the address');
    assert.equal(Number(readme[1]), DEFAULT_WEB_PORT, 'README.md');
  });
});
