import { strict as assert } from 'node:assert';
import { checkedCodesWithin, codesPerYear, expectedYears, YEAR_MS } from '../../../bench/attacks/pairing-odds';
import { PAIRING_LIMITS } from '../../../core/web/pairing-limiter';

const MIN = 60_000;

describe('bench:attacks pairing odds', () => {
  it('lets one address five codes at once, then one after each lockout (1, 2, 4 ... min)', () => {
    assert.equal(checkedCodesWithin(PAIRING_LIMITS, 20_000), 5);
    assert.equal(checkedCodesWithin(PAIRING_LIMITS, MIN - 1), 5);
    assert.equal(checkedCodesWithin(PAIRING_LIMITS, MIN), 6);
    assert.equal(checkedCodesWithin(PAIRING_LIMITS, 3 * MIN), 7);
    assert.equal(checkedCodesWithin(PAIRING_LIMITS, 7 * MIN), 8);
  });

  it('settles at one code an hour: the limiter documents 34 the first day and 8,766 a year', () => {
    const day = checkedCodesWithin(PAIRING_LIMITS, 24 * 60 * MIN);
    assert.ok(day >= 33 && day <= 34, `first day ${day}`);
    const year = checkedCodesWithin(PAIRING_LIMITS, YEAR_MS);
    assert.ok(Math.abs(year - 8_766) < 15, `a year ${year}`);
  });

  it('bounds many addresses by their lockouts and by the global window, whichever is lower', () => {
    const one = codesPerYear(PAIRING_LIMITS, 1);
    assert.equal(codesPerYear(PAIRING_LIMITS, 10), one * 10);
    const global = (PAIRING_LIMITS.globalMaxFailures + 10_000) * (YEAR_MS / PAIRING_LIMITS.globalWindowMs);
    assert.equal(codesPerYear(PAIRING_LIMITS, 10_000), Math.min(one * 10_000, global));
  });

  it('expects a search to cover half the codes', () => {
    assert.equal(expectedYears(8_766, 10), 5e9 / 8_766);
    assert.equal(expectedYears(1, 1), 5);
  });
});
