import { createCanvas, type Canvas } from 'canvas';
import { rgbaToRgb565be } from '../devices/display/rgb565';
import { clampToScreen, FULL_SCREEN, SCREEN_SIZE, union, type Rect } from './rect';
import type { Gfx, PageFrame, ScreenPage, Widget } from './screen-page';
import { registerScreenFonts } from './screen-fonts';
import { theme } from './theme';

/** A widget drawn over the page (toast, dialog) with its model already computed. */
export interface Overlay {
  readonly widget: Widget<any, any>;
  readonly model: unknown;
}

export interface RenderResult {
  /** What changed since the previous render, or null when nothing did. */
  readonly dirty: Rect | null;
  /** Widgets redrawn this time. */
  readonly redrawn: readonly string[];
  readonly drawMs: number;
  readonly convertMs: number;
  /** CPU time of draw + convert (process user + system), ms: what the 10 ms budget counts. */
  readonly cpuMs: number;
}

/** Thrown when a page's widget fails; names the widget so the toast can say which. */
export class WidgetError extends Error {
  constructor(readonly widgetId: string, override readonly cause: unknown) {
    super(`widget "${widgetId}" threw: ${(cause as Error)?.message ?? String(cause)}`);
  }
}

/**
 * Draws pages on one 240x240 canvas and keeps the matching RGB565 (big-endian) frame. Dirty
 * tracking is per widget: a widget is redrawn only when its model changed (or the page or the
 * overlays changed), and only the union of redrawn rects is read back and converted.
 */
export class PageRenderer {
  readonly canvas: Canvas;
  private readonly g: Gfx;
  /** The panel's frame, RGB565 big-endian, row-major; updated in the dirty rect only. */
  readonly frame = Buffer.alloc(SCREEN_SIZE * SCREEN_SIZE * 2);
  private pageKey: string | undefined;
  private overlayKey = '';
  private readonly models = new Map<string, string>();

  constructor() {
    registerScreenFonts();
    this.canvas = createCanvas(SCREEN_SIZE, SCREEN_SIZE);
    this.g = this.canvas.getContext('2d');
    this.g.antialias = 'gray';
    this.g.fillStyle = theme.bg;
    this.g.fillRect(0, 0, SCREEN_SIZE, SCREEN_SIZE);
    this.convert(FULL_SCREEN);
  }

  /** Forgets what was drawn: the next render redraws everything. */
  invalidate(): void {
    this.pageKey = undefined;
  }

  /**
   * Renders `page` for `frame`. `pageKey` names what is shown (page id + instance): a new key
   * redraws everything. Throws WidgetError when a widget throws; the canvas is then in an unknown
   * state and the next render is a full one.
   */
  render(pageKey: string, page: ScreenPage<any>, frame: PageFrame<any>, overlays: readonly Overlay[] = []): RenderResult {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const overlayKey = JSON.stringify(overlays.map((o) => [o.widget.id, o.model]));
    const full = pageKey !== this.pageKey || overlayKey !== this.overlayKey;
    if (full) {
      this.models.clear();
      this.g.fillStyle = theme.bg;
      this.g.fillRect(0, 0, SCREEN_SIZE, SCREEN_SIZE);
    }
    this.pageKey = undefined; // set again only when the whole page drew without throwing
    let dirty: Rect | null = full ? FULL_SCREEN : null;
    const redrawn: string[] = [];
    for (const w of page.widgets) {
      let key: string;
      let model: unknown;
      try {
        model = w.model(frame);
        key = JSON.stringify(model) ?? 'undefined';
      } catch (err) {
        throw new WidgetError(w.id, err);
      }
      if (!full && this.models.get(w.id) === key) continue;
      this.drawWidget(w, model);
      this.models.set(w.id, key);
      redrawn.push(w.id);
      dirty = union(dirty, w.rect);
    }
    if (dirty) {
      for (const o of overlays) {
        this.drawWidget(o.widget, o.model);
        dirty = union(dirty, o.widget.rect);
      }
    }
    this.pageKey = pageKey;
    this.overlayKey = overlayKey;
    const t1 = performance.now();
    const clamped = dirty && clampToScreen(dirty);
    if (clamped) this.convert(clamped);
    const cpu = process.cpuUsage(cpu0);
    return { dirty: clamped, redrawn, drawMs: t1 - t0, convertMs: performance.now() - t1, cpuMs: (cpu.user + cpu.system) / 1000 };
  }

  /** The canvas as RGBA, before RGB565 quantisation. */
  rgba(): Uint8ClampedArray {
    return this.g.getImageData(0, 0, SCREEN_SIZE, SCREEN_SIZE).data;
  }

  private drawWidget(w: Widget<any, any>, model: unknown): void {
    const r = w.rect;
    const g = this.g;
    g.save();
    try {
      g.beginPath();
      g.rect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
      g.clip();
      g.fillStyle = theme.bg;
      g.fillRect(r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
      g.textAlign = 'left';
      g.textBaseline = 'alphabetic';
      g.globalAlpha = 1;
      w.draw(g, model, theme);
    } catch (err) {
      throw new WidgetError(w.id, err);
    } finally {
      g.restore();
    }
  }

  /** Reads back the rect and writes its pixels into the RGB565 frame, row by row. */
  private convert(r: Rect): void {
    const w = r.x1 - r.x0;
    const h = r.y1 - r.y0;
    if (w <= 0 || h <= 0) return;
    const data = this.g.getImageData(r.x0, r.y0, w, h).data;
    for (let y = 0; y < h; y++) {
      const src = data.subarray(y * w * 4, (y + 1) * w * 4);
      const at = ((r.y0 + y) * SCREEN_SIZE + r.x0) * 2;
      rgbaToRgb565be(src, this.frame.subarray(at, at + w * 2));
    }
  }
}
