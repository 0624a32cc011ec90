// A panel knob drawn in SVG: drag up/down (shift for fine), scroll, or arrow keys. It reports its
// base value; modulation is added by the modulators and shown as a second pointer.

const SVG = 'http://www.w3.org/2000/svg';
const SWEEP = 270;

export class Knob {
  constructor(host, { label, min, max, value = 0, step = 0.01, onChange }) {
    this.min = min;
    this.max = max;
    this.step = step;
    this.value = value;
    this.onChange = onChange;
    this.el = document.createElement('div');
    this.el.className = 'knob';
    this.el.tabIndex = 0;
    this.el.setAttribute('role', 'slider');
    this.el.setAttribute('aria-label', label);
    this.el.setAttribute('aria-valuemin', String(min));
    this.el.setAttribute('aria-valuemax', String(max));
    this.el.innerHTML = `<svg viewBox="-50 -50 100 100" width="64" height="64" aria-hidden="true">
      <circle r="44" class="knob-skirt"/><circle r="34" class="knob-cap"/>
      <line class="knob-mod" x1="0" y1="-20" x2="0" y2="-42"/>
      <line class="knob-pointer" x1="0" y1="-10" x2="0" y2="-32"/></svg>`;
    this.pointer = this.el.querySelector('.knob-pointer');
    this.modPointer = this.el.querySelector('.knob-mod');
    host.appendChild(this.el);
    this.bind();
    this.render(value);
  }

  set(value, notify = true) {
    const v = Math.min(this.max, Math.max(this.min, Math.round(value / this.step) * this.step));
    if (v === this.value) return;
    this.value = v;
    this.render(v);
    if (notify) this.onChange?.(v);
  }

  /** Shows where modulation has taken the jack (undefined hides the second pointer). */
  showModulated(v) {
    this.modPointer.style.display = v === undefined ? 'none' : '';
    if (v !== undefined) this.modPointer.setAttribute('transform', `rotate(${this.angle(v)})`);
  }

  angle(v) {
    return -SWEEP / 2 + ((v - this.min) / (this.max - this.min)) * SWEEP;
  }

  render(v) {
    this.pointer.setAttribute('transform', `rotate(${this.angle(v)})`);
    this.el.setAttribute('aria-valuenow', v.toFixed(2));
    this.el.dataset.volts = v.toFixed(2);
  }

  bind() {
    let startY = 0;
    let startValue = 0;
    this.el.addEventListener('pointerdown', (ev) => {
      this.el.setPointerCapture(ev.pointerId);
      startY = ev.clientY;
      startValue = this.value;
      ev.preventDefault();
    });
    this.el.addEventListener('pointermove', (ev) => {
      if (!this.el.hasPointerCapture(ev.pointerId)) return;
      const span = this.max - this.min;
      const perPixel = span / (ev.shiftKey ? 800 : 160);
      this.set(startValue + (startY - ev.clientY) * perPixel);
    });
    this.el.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      this.set(this.value + (ev.deltaY < 0 ? 1 : -1) * (ev.shiftKey ? 0.01 : 0.1) * (this.max - this.min) / 10);
    }, { passive: false });
    this.el.addEventListener('keydown', (ev) => {
      const d = { ArrowUp: 0.1, ArrowRight: 0.1, ArrowDown: -0.1, ArrowLeft: -0.1 }[ev.key];
      if (d === undefined) return;
      ev.preventDefault();
      this.set(this.value + d * (ev.shiftKey ? 0.1 : 1));
    });
  }
}
