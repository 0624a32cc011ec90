// The module's 240x240 screen: each PNG frame from the websocket is decoded off the main thread
// (createImageBitmap) and drawn; frames that arrive while one decodes replace each other.

export class ScreenView {
  constructor(canvas) {
    this.ctx = canvas.getContext('2d');
    this.canvas = canvas;
    this.frames = 0;
    this.busy = false;
    this.next = undefined;
  }

  async show(png) {
    if (this.busy) { this.next = png; return; }
    this.busy = true;
    try {
      const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }));
      this.ctx.drawImage(bitmap, 0, 0, this.canvas.width, this.canvas.height);
      bitmap.close();
      this.frames++;
      this.canvas.dataset.frames = String(this.frames);
    } finally {
      this.busy = false;
      const next = this.next;
      this.next = undefined;
      if (next) this.show(next);
    }
  }
}
