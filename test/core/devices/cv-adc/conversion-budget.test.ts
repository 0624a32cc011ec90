import assert from 'node:assert/strict';
import { budgetConversions, type ChipDemand } from '../../../../core/devices/cv-adc/conversion-budget';

/** DR code 110 = 3300 SPS on an ADS1015, 111 = 860 SPS on an ADS1115 (hardware-facts.md). */
const v1Chip48 = (polled: Array<[number, number]>, variant: 'ads1015' | 'ads1115' = 'ads1015'): ChipDemand => ({
  address: 0x48,
  variant,
  dr: variant === 'ads1015' ? 0b110 : 0b111,
  scanChannels: [0, 1, 2],
  polled: new Map(polled),
});

describe('budgetConversions', () => {
  it('an ADS1015 at 3300 SPS does one conversion per 25 us + 1.1/DR: about 2790 a second', () => {
    const [b] = budgetConversions([v1Chip48([])], 200);
    assert.ok(Math.abs(b!.capacityPerS - 1000 / (0.025 + 1100 / 3300)) < 1e-9, `${b!.capacityPerS}`);
    assert.equal(b!.polled.size, 0);
  });

  it('v1 chip 0x48: CV 1 keeps 200 scans a second, the two gates share the rest (about 1290 Hz each)', () => {
    const [b] = budgetConversions([v1Chip48([[0, 5000], [1, 5000]])], 200);
    assert.equal(b!.scanLoadPerS, 200, 'only CV 1 is scan-only');
    const g1 = b!.polled.get(0)!;
    const g2 = b!.polled.get(1)!;
    assert.equal(g1.hz, g2.hz);
    assert.ok(g1.hz > 1250 && g1.hz < 1300, `${g1.hz} Hz`);
    assert.ok(Math.abs(2 * g1.hz + 200 - b!.capacityPerS) < 1e-6, 'every conversion is budgeted, none twice');
    assert.equal(g1.intervalMs, 0, 'asked for more than its share: every free conversion');
  });

  it('grants no more than asked, and does not poll a channel the scans already read as often', () => {
    const [asked] = budgetConversions([v1Chip48([[0, 800], [1, 100]])], 200);
    assert.equal(asked!.polled.get(0)!.hz, 800);
    assert.equal(asked!.polled.get(0)!.intervalMs, 1000 / 800);
    assert.equal(asked!.polled.has(1), false, '100 Hz is below the 200 Hz scans');
    // An ADS1115 at 860 SPS: about 767 conversions a second, 200 for CV 1, 283 per gate.
    const [slow] = budgetConversions([v1Chip48([[0, 5000], [1, 5000]], 'ads1115')], 200);
    assert.ok(Math.abs(slow!.polled.get(0)!.hz - (slow!.capacityPerS - 200) / 2) < 1e-9);
    const [starved] = budgetConversions([v1Chip48([[0, 5000], [1, 5000]], 'ads1115')], 400);
    assert.equal(starved!.polled.size, 0, 'at 400 scans a second nothing is left over for polling');
  });

  it('polled CV jacks share what the gates leave: none on v1 chip 0x48, about 930 Hz each on 0x49', () => {
    const chip48: ChipDemand = { ...v1Chip48([[0, 5000], [1, 5000]]), polledJacks: new Map([[2, 1000]]) };
    const chip49: ChipDemand = { address: 0x49, variant: 'ads1015', dr: 0b110, scanChannels: [0, 1, 2], polled: new Map(), polledJacks: new Map([[0, 1000], [1, 1000], [2, 1000]]) };
    const [b48, b49] = budgetConversions([chip48, chip49], 200);
    assert.equal(b48!.polled.has(2), false, 'CV 1 stays scanned: the gates take every free conversion');
    assert.ok(b48!.polled.get(0)!.hz > 1250, 'the gates keep their share');
    for (const ch of [0, 1, 2]) {
      const p = b49!.polled.get(ch)!;
      assert.ok(Math.abs(3 * p.hz - b49!.capacityPerS) < 1e-6, `AIN${ch}: ${p.hz} Hz, the chip's conversions split three ways`);
      assert.equal(p.intervalMs, 0);
    }
    // Gates asking for less leave the rest to the jack; a jack asking for less gets what it asked.
    const [modest] = budgetConversions([{ ...v1Chip48([[0, 800], [1, 800]]), polledJacks: new Map([[2, 600]]) }], 200);
    assert.equal(modest!.polled.get(2)!.hz, 600);
    assert.equal(modest!.polled.get(2)!.intervalMs, 1000 / 600);
    assert.equal(modest!.polled.get(0)!.hz, 800);
  });
});
