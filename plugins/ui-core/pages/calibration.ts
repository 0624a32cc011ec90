import { CALIBRATION_POINTS, calibrationLimits, fitCalibration, readPoint, type PointReading } from '../calibration-flow';
import { drawCentred, drawList, formatVolts, wrapText, type ListRow, NeurorackError, rect, widget, type PageInputContext, type ScreenPage, font } from 'neurorack/sdk';
import { actionBarRect, drawActionBar } from './action-bar';
import { headerWidget, moveCursor } from './common';

const BODY = rect(0, 30, 240, 174);

export interface CalibrationLocal {
  cursor: number;
  step: 'choose' | 'point' | 'refused' | 'done';
  point: number;
  readings: PointReading[];
  busy: boolean;
  message: string;
}

async function capture(ctx: PageInputContext<CalibrationLocal>): Promise<void> {
  const l = ctx.local;
  const jack = ctx.view.calibration.jacks[l.cursor];
  if (!jack || l.busy) return;
  l.busy = true;
  try {
    const target = CALIBRATION_POINTS[l.point]!;
    const samples = await ctx.actions.sampleRawCv(jack.jack, calibrationLimits.samples);
    l.readings.push(readPoint(target, samples));
    l.point++;
    if (l.point < CALIBRATION_POINTS.length) return;
    const calibration = fitCalibration(l.readings);
    await ctx.actions.storeCalibration(jack.jack, calibration);
    l.step = 'done';
    l.message = `CV${jack.jack} stored: offset ${calibration.offset.toFixed(3)} V, gain ${calibration.gain.toFixed(4)}`;
  } catch (err) {
    if (!(err instanceof NeurorackError && err.code === 'NR_CALIBRATION_REFUSED')) throw err;
    l.step = 'refused';
    l.message = `${err.message} Previous calibration kept.`;
    if (l.point >= CALIBRATION_POINTS.length) {
      l.point = 0;
      l.readings = [];
    }
  } finally {
    l.busy = false;
  }
}

/** Guided CV calibration: pick a jack, patch 0 V, +1 V, +5 V as prompted; offset and gain are fitted and stored. */
export const calibrationPage: ScreenPage<CalibrationLocal> = {
  id: 'calibration',
  init: () => ({ cursor: 0, step: 'choose', point: 0, readings: [], busy: false, message: '' }),
  widgets: [
    headerWidget((f) => (f.local.step === 'choose' ? 'pick a jack' : `CV${f.view.calibration.jacks[f.local.cursor]?.jack ?? '?'}`)),
    widget({
      id: 'body',
      rect: BODY,
      model: (f) => {
        const l = f.local;
        if (l.step === 'choose') {
          return { step: l.step, cursor: l.cursor, rows: f.view.calibration.jacks.map((j): ListRow => ({ label: `CV${j.jack}`, value: `${j.offset >= 0 ? '+' : ''}${j.offset.toFixed(3)} V · ×${j.gain.toFixed(3)}` })) };
        }
        const jack = f.view.calibration.jacks[l.cursor];
        const live = f.view.cvs.find((c) => c.jack === jack?.jack);
        return {
          step: l.step,
          point: l.point,
          target: CALIBRATION_POINTS[Math.min(l.point, CALIBRATION_POINTS.length - 1)]!,
          jack: jack?.jack ?? 0,
          busy: l.busy,
          done: l.readings.map((r) => r.target),
          message: l.message,
          live: live ? formatVolts(live.volts) : '',
        };
      },
      draw(g, m, t) {
        if (m.step === 'choose' && 'rows' in m) {
          drawList(g, t, BODY, m.rows, m.cursor);
          return;
        }
        if (!('target' in m)) return;
        // progress dots, one per point
        CALIBRATION_POINTS.forEach((v, i) => {
          const x = 60 + i * 60;
          const doneHere = m.done.includes(v) && (m.step !== 'refused' || i < m.point);
          g.fillStyle = doneHere ? t.ok : i === m.point && m.step !== 'done' ? t.accent : t.line;
          g.beginPath();
          g.arc(x, 52, 7, 0, Math.PI * 2);
          g.fill();
          g.font = font(10);
          drawCentred(g, `${v} V`, x, 72, 10, t.dim);
        });
        if (m.step === 'point') {
          drawCentred(g, `Patch ${m.target === 0 ? '0' : '+' + m.target} V`, 120, 112, 22, t.text, 'bold');
          drawCentred(g, `into CV${m.jack}`, 120, 140, 14, t.dim);
          drawCentred(g, m.busy ? 'Reading…' : `now ${m.live}`, 120, 174, 13, m.busy ? t.accent : t.dim);
          return;
        }
        const colour = m.step === 'refused' ? t.error : t.ok;
        drawCentred(g, m.step === 'refused' ? 'Refused' : 'Stored', 120, 102, 20, colour, 'bold');
        g.font = font(12);
        g.fillStyle = t.text;
        g.textAlign = 'center';
        g.textBaseline = 'middle';
        wrapText(g, m.message, 216, 4).forEach((line, i) => g.fillText(line, 120, 130 + i * 17));
      },
    }),
    widget({
      id: 'hint',
      rect: actionBarRect,
      model: (f) => ({
        hint: { choose: 'Press to calibrate this jack', point: 'Press when patched · hold to cancel', refused: 'Press to retry · hold to cancel', done: 'Press to finish' }[f.local.step],
        actions: null,
        selected: 0,
      }),
      draw: drawActionBar,
    }),
  ],
  onTurn(ctx) {
    if (ctx.local.step === 'choose') ctx.local.cursor = moveCursor(ctx.local.cursor, ctx.delta, ctx.view.calibration.jacks.length);
  },
  onPress(ctx) {
    const l = ctx.local;
    switch (l.step) {
      case 'choose':
        if (!ctx.view.calibration.jacks.length) return;
        Object.assign(l, { step: 'point', point: 0, readings: [], message: '' });
        return;
      case 'point':
        return capture(ctx);
      case 'refused':
        l.step = 'point';
        return;
      case 'done':
        l.step = 'choose';
        return;
    }
  },
  onLongPress(ctx) {
    if (ctx.local.step === 'choose') return false;
    Object.assign(ctx.local, { step: 'choose', point: 0, readings: [], busy: false, message: '' });
    return true;
  },
};
