// The output scope: the last chunk of audio drawn as a trace, triggered on a rising zero
// crossing so a steady tone stands still.

export class Scope {
  constructor(canvas) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.samples = new Float32Array(0);
    this.dirty = false;
    const loop = () => {
      if (this.dirty) this.draw();
      this.dirty = false;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  push(chunk) {
    this.samples = chunk;
    this.dirty = true;
  }

  draw() {
    const { width: w, height: h } = this.canvas;
    const c = this.ctx;
    c.fillStyle = '#0b1a12';
    c.fillRect(0, 0, w, h);
    c.strokeStyle = '#1f3a2a';
    c.beginPath();
    c.moveTo(0, h / 2);
    c.lineTo(w, h / 2);
    c.stroke();
    const s = this.samples;
    let start = 0;
    for (let i = 1; i < s.length / 2; i++) if (s[i - 1] <= 0 && s[i] > 0) { start = i; break; }
    const n = Math.min(s.length - start, 512);
    c.strokeStyle = '#62f08b';
    c.beginPath();
    for (let i = 0; i < n; i++) {
      const x = (i / Math.max(1, n - 1)) * w;
      const y = h / 2 - s[start + i] * (h / 2) * 0.9;
      if (i === 0) c.moveTo(x, y);
      else c.lineTo(x, y);
    }
    c.stroke();
  }
}
