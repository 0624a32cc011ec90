// One descriptor's curve on a canvas: drawn in the descriptor's display range, edited freehand
// (drag) or by control points (click adds, drag moves, right-click removes).

import { clamp, strokeSegment, throughPoints } from './curve-ops.js';

export class CurveCanvas {
  constructor(canvas, { name, unit, range, onEdit }) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.name = name;
    this.unit = unit;
    this.range = range;
    this.onEdit = onEdit;
    this.values = [];
    this.points = [];
    this.mode = 'freehand';
    this.bind();
  }

  setValues(values) {
    this.values = values;
    this.base = values;
    this.points = [];
    this.draw();
  }

  /** Freehand or points; switching commits the points drawn so far. */
  setMode(mode) {
    this.mode = mode;
    this.base = this.values;
    this.points = [];
    this.draw();
  }

  toFrame(ev) {
    const r = this.canvas.getBoundingClientRect();
    const x = ((ev.clientX - r.left) / r.width) * this.canvas.width;
    const y = ((ev.clientY - r.top) / r.height) * this.canvas.height;
    const t = (x / this.canvas.width) * (this.values.length - 1);
    const [lo, hi] = this.range;
    const v = clamp(hi - (y / this.canvas.height) * (hi - lo), lo, hi);
    return { t, v };
  }

  bind() {
    let last;
    let dragPoint = -1;
    this.canvas.addEventListener('contextmenu', (ev) => ev.preventDefault());
    this.canvas.addEventListener('pointerdown', (ev) => {
      if (!this.values.length) return;
      this.canvas.setPointerCapture(ev.pointerId);
      const p = this.toFrame(ev);
      if (this.mode === 'points') {
        const near = this.points.findIndex((q) => Math.abs(q.t - p.t) < this.values.length / 60);
        if (ev.button === 2) {
          if (near >= 0) this.points.splice(near, 1);
        } else if (near >= 0) dragPoint = near;
        else {
          this.points.push(p);
          dragPoint = this.points.length - 1;
        }
        this.applyPoints();
        return;
      }
      last = p;
      this.edit(strokeSegment(this.values, p.t, p.v, p.t, p.v), true);
    });
    this.canvas.addEventListener('pointermove', (ev) => {
      if (!this.canvas.hasPointerCapture(ev.pointerId)) return;
      const p = this.toFrame(ev);
      if (this.mode === 'points') {
        if (dragPoint >= 0) {
          this.points[dragPoint] = p;
          this.applyPoints();
        }
        return;
      }
      this.edit(strokeSegment(this.values, last.t, last.v, p.t, p.v), true);
      last = p;
    });
    const end = () => {
      dragPoint = -1;
      last = undefined;
    };
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
  }

  applyPoints() {
    this.edit(throughPoints(this.base, this.points), false);
  }

  edit(values, commit) {
    this.values = values;
    if (commit) this.base = values;
    this.draw();
    this.onEdit(values);
  }

  draw() {
    const { width: w, height: h } = this.canvas;
    const c = this.ctx;
    const [lo, hi] = this.range;
    c.fillStyle = '#111318';
    c.fillRect(0, 0, w, h);
    c.strokeStyle = '#262a33';
    for (let i = 1; i < 4; i++) {
      c.beginPath();
      c.moveTo(0, (h * i) / 4);
      c.lineTo(w, (h * i) / 4);
      c.stroke();
    }
    c.fillStyle = '#9aa0a6';
    c.font = '11px sans-serif';
    c.fillText(`${this.name} (${this.unit})  ${fmt(hi)}`, 6, 13);
    c.fillText(fmt(lo), 6, h - 4);
    const n = this.values.length;
    if (!n) return;
    c.strokeStyle = '#ff9e3d';
    c.lineWidth = 2;
    c.beginPath();
    for (let t = 0; t < n; t++) {
      const x = n === 1 ? w / 2 : (t / (n - 1)) * w;
      const y = h - ((this.values[t] - lo) / (hi - lo || 1)) * h;
      if (t === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    }
    c.stroke();
    c.fillStyle = '#62f08b';
    for (const p of this.points) {
      const x = (p.t / Math.max(1, n - 1)) * w;
      const y = h - ((p.v - lo) / (hi - lo || 1)) * h;
      c.fillRect(x - 4, y - 4, 8, 8);
    }
  }
}

function fmt(v) {
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}
