import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBank } from '../../../core/banks/bank-store';
import { paths } from '../../../core/paths';

const CENTROID = 5;

describe('shipped descriptor banks', function () {
  const folders = fs.readdirSync(paths.descriptorBanks).filter((n) => fs.existsSync(path.join(paths.descriptorBanks, n, 'bank.json')));

  it('ships at least three banks', function () {
    assert.ok(folders.length >= 3, `found ${folders.join(', ')}`);
  });

  for (const folder of folders) {
    it(`${folder} validates, has at least 8 entries, a free licence and a matching id`, async function () {
      const { bank } = await readBank(path.join(paths.descriptorBanks, folder));
      assert.equal(bank.id, folder);
      assert.ok(bank.entries.length >= 8, `${bank.entries.length} entries`);
      assert.ok(['CC0-1.0', 'MIT'].includes(bank.licence), bank.licence);
      assert.equal(bank.author, 'Neurorack contributors');
    });
  }

  it('cinematic booms are darker than metal and glass', async function () {
    const median = async (id: string): Promise<number> => {
      const { bank } = await readBank(path.join(paths.descriptorBanks, id));
      const values = bank.entries.flatMap((e) => e.frames.map((f) => f[CENTROID]!)).sort((a, b) => a - b);
      return values[values.length >> 1]!;
    };
    assert.ok((await median('cinematic-booms')) < (await median('metal-and-glass')));
  });
});
