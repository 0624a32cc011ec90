// One descriptor's curve on a canvas: drawn in the descriptor's display range (a log axis for
// frequencies and flatness), with the model's training range shaded, edited freehand (drag) or by
// control points (click adds, drag moves, right-click removes). Edits are made in display units
// and joined to the curve on each side (joinEnds), so they leave no vertical cliff.

import { clamp, joinEnds, strokeSegment, throughPoints } from './curve-ops.js';

export class CurveCanvas {
  constructor(canvas, { name, unit, range, log = false, onEdit }) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.name = name;
    this.unit = unit;
    this.range = range;
    this.log = log;
    /** The model's training range [min, max], shaded; undefined when unknown. */
    this.train = undefined;
    canvas.dataset.scale = log ? 'log' : 'linear';
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

  setTrainingRange(range) {
    this.train = range;
    this.canvas.dataset.train = range ? `${range[0]}-${range[1]}` : '';
    this.draw();
  }

  /** Display units: log10 on a log axis (values below its floor sit on the floor). */
  toU(v) {
    return this.log ? Math.log10(Math.max(v, this.range[0])) : v;
  }

  fromU(u) {
    return this.log ? 10 ** u : u;
  }

  /** Canvas y of a value. */
  y(v) {
    const lo = this.toU(this.range[0]);
    const hi = this.toU(this.range[1]);
    return this.canvas.height - ((this.toU(v) - lo) / (hi - lo || 1)) * this.canvas.height;
  }

  /** The pointer as a frame and a value in display units. */
  toFrame(ev) {
    const r = this.canvas.getBoundingClientRect();
    const x = ((ev.clientX - r.left) / r.width) * this.canvas.width;
    const y = ((ev.clientY - r.top) / r.height) * this.canvas.height;
    const t = (x / this.canvas.width) * (this.values.length - 1);
    const lo = this.toU(this.range[0]);
    const hi = this.toU(this.range[1]);
    const v = clamp(hi - (y / this.canvas.height) * (hi - lo), lo, hi);
    return { t, v };
  }

  /** `u` (display units, edited between frames `from` and `to`) joined to `base` and back in values. */
  joined(u, from, to) {
    const baseU = this.base.map((v) => this.toU(v));
    return joinEnds(u, baseU, from, to).map((x) => this.fromU(x));
  }

  bind() {
    let last;
    let stroke;
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
      stroke = { u: strokeSegment(this.base.map((v) => this.toU(v)), p.t, p.v, p.t, p.v), from: p.t, to: p.t };
      this.edit(this.joined(stroke.u, stroke.from, stroke.to), false);
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
      stroke.u = strokeSegment(stroke.u, last.t, last.v, p.t, p.v);
      stroke.from = Math.min(stroke.from, p.t);
      stroke.to = Math.max(stroke.to, p.t);
      this.edit(this.joined(stroke.u, stroke.from, stroke.to), false);
      last = p;
    });
    const end = () => {
      if (stroke) this.base = this.values; // the stroke and its joins are the curve now
      stroke = undefined;
      dragPoint = -1;
      last = undefined;
    };
    this.canvas.addEventListener('pointerup', end);
    this.canvas.addEventListener('pointercancel', end);
  }

  applyPoints() {
    if (!this.points.length) return this.edit(this.base.slice(), false);
    const u = throughPoints(this.base.map((v) => this.toU(v)), this.points);
    const ts = this.points.map((p) => p.t);
    this.edit(this.joined(u, Math.min(...ts), Math.max(...ts)), false);
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
    if (this.train) {
      // outside the training range: darker and hatched red at the edge; inside: a lighter band
      const top = clamp(this.y(this.train[1]), 0, h);
      const bottom = clamp(this.y(this.train[0]), 0, h);
      c.fillStyle = '#1f2a22';
      c.fillRect(0, top, w, bottom - top);
      c.fillStyle = '#2a1416';
      c.fillRect(0, 0, w, top);
      c.fillRect(0, bottom, w, h - bottom);
      c.fillStyle = '#4d6b55';
      c.fillRect(0, top, w, 1);
    }
    c.strokeStyle = '#262a33';
    const ticks = this.log ? decades(lo, hi) : [1, 2, 3].map((i) => lo + ((hi - lo) * i) / 4);
    c.fillStyle = '#6b7078';
    c.font = '10px sans-serif';
    for (const v of ticks) {
      const y = this.y(v);
      c.beginPath();
      c.moveTo(0, y);
      c.lineTo(w, y);
      c.stroke();
      if (this.log) c.fillText(fmt(v), w - 36, y - 2);
    }
    c.fillStyle = '#9aa0a6';
    c.font = '11px sans-serif';
    const trained = this.train ? `  · model trained on ${fmt(this.train[0])}–${fmt(this.train[1])}` : '';
    c.fillText(`${this.name} (${this.unit}${this.log ? ', log' : ''})  ${fmt(hi)}${trained}`, 6, 13);
    c.fillText(fmt(lo), 6, h - 4);
    const n = this.values.length;
    if (!n) return;
    c.strokeStyle = '#ff9e3d';
    c.lineWidth = 2;
    c.beginPath();
    for (let t = 0; t < n; t++) {
      const x = n === 1 ? w / 2 : (t / (n - 1)) * w;
      const y = this.y(this.values[t]);
      if (t === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    }
    c.stroke();
    c.fillStyle = '#62f08b';
    for (const p of this.points) {
      const x = (p.t / Math.max(1, n - 1)) * w;
      const y = this.y(this.fromU(p.v));
      c.fillRect(x - 4, y - 4, 8, 8);
    }
  }
}

/** 10, 100, 1000 ... strictly inside (lo, hi). */
function decades(lo, hi) {
  const out = [];
  for (let e = Math.ceil(Math.log10(lo)); 10 ** e < hi; e++) if (10 ** e > lo) out.push(10 ** e);
  return out;
}

function fmt(v) {
  if (Math.abs(v) >= 1000) return `${+(v / 1000).toPrecision(3)}k`;
  return Math.abs(v) >= 100 ? v.toFixed(0) : +v.toPrecision(3) + '';
}
