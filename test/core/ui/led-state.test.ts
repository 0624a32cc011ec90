import assert from 'node:assert/strict';
import { LedController, ledColour, ledState, type Rgb } from '../../../core/ui/led-state';
import { sampleHostView } from '../../../core/ui/sample-host-view';

describe('LED states', () => {
  const v = sampleHostView();
  it('maps host and screen state to one LED state, fault first', () => {
    assert.equal(ledState({ view: v, dialog: false, error: false }), 'ready');
    assert.equal(ledState({ view: { ...v, phase: 'booting' }, dialog: false, error: false }), 'booting');
    assert.equal(ledState({ view: { ...v, model: { ...v.model, loadingId: 'x' } }, dialog: false, error: false }), 'loading');
    assert.equal(ledState({ view: { ...v, output: { ...v.output, clipping: true } }, dialog: false, error: false }), 'clipping');
    assert.equal(ledState({ view: v, dialog: true, error: false }), 'confirm');
    assert.equal(ledState({ view: { ...v, output: { ...v.output, clipping: true } }, dialog: true, error: true }), 'fault');
  });

  it('colours: ready green, loading a blue pulse, clipping a red flash, fault amber', () => {
    assert.deepEqual(ledColour('ready', 0), { r: 0, g: 160, b: 40 });
    const blues = [0, 250, 500].map((t) => ledColour('loading', t));
    assert.ok(blues.every((c) => c.r === 0 && c.g === 0));
    assert.ok(blues[2]!.b > blues[0]!.b + 150, 'pulses');
    assert.notDeepEqual(ledColour('clipping', 0), ledColour('clipping', 130));
    assert.deepEqual(ledColour('fault', 0), { r: 255, g: 120, b: 0 });
  });

  it('writes to the LED only when the colour changes', () => {
    const writes: Rgb[] = [];
    let now = 0;
    const led = new LedController(() => ({ view: v, dialog: false, error: false }), (c) => void writes.push(c), () => now);
    led.tick();
    now = 50;
    led.tick();
    assert.equal(writes.length, 1);
  });
});
