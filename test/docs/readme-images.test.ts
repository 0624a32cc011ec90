import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../core/paths';
import { chromiumMissing } from '../core/web/helpers/browser';

const DEFAULT_MODEL = (JSON.parse(readFileSync(join(packageRoot, 'schemas', 'rack.schema.json'), 'utf8')) as { properties: { model: { properties: { default: { default: string } } } } }).properties.model.properties.default.default;
const SHIPPED_BANKS = readdirSync(join(packageRoot, 'descriptor-banks'));

type Shown = Record<string, { model?: string; bank?: string }>;

function checkShown(images: Shown, names: readonly string[]): void {
  for (const name of names) {
    const shown = images[name];
    assert.ok(shown, `${name} is drawn by the command`);
    assert.ok(shown.model?.endsWith(DEFAULT_MODEL), `${name} shows the shipped model ${DEFAULT_MODEL}, not ${shown.model}`);
    assert.ok(SHIPPED_BANKS.includes(shown.bank ?? ''), `${name} shows a shipped bank, not ${shown.bank}`);
  }
}

describe("the README's pictures (issue #25 point 10)", function () {
  this.timeout(120_000);
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const pictures = [...readme.matchAll(/\(docs\/images\/([a-z-]+\.png)\)/g)].map((m) => m[1]!);

  it('are drawn by a command the README names, from the shipped model and banks', () => {
    assert.ok(pictures.length >= 5, `the README shows ${pictures.length} pictures`);
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts['docs:images'] ?? '', /readme-images/);
    assert.match(readme, /`npm run docs:images`/);
    const file = join(packageRoot, 'docs', 'images', 'images.json');
    assert.ok(existsSync(file), 'docs/images/images.json says what the command drew');
    checkShown((JSON.parse(readFileSync(file, 'utf8')) as { images: Shown }).images, pictures);
  });

  it('come out of the command as the README shows them (Chromium)', function () {
    const missing = chromiumMissing();
    if (missing) this.skip();
    const out = mkdtempSync(join(tmpdir(), 'nr-readme-images-'));
    try {
      const run = spawnSync(process.execPath, [join(packageRoot, 'dist', 'scripts', 'readme-images.js'), '--out', out], { encoding: 'utf8', timeout: 110_000 });
      assert.equal(run.status, 0, run.stderr);
      for (const name of pictures) assert.ok(existsSync(join(out, name)), name);
      checkShown((JSON.parse(readFileSync(join(out, 'images.json'), 'utf8')) as { images: Shown }).images, pictures);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
