import { createCanvas } from 'canvas';

/** What the stand-in screen shows: the CVs the driver read, a menu cursor, a pairing code. */
export interface TestScreenState {
  cv: number[];
  gates: boolean[];
  menu: readonly string[];
  cursor: number;
  entered?: string;
  pairingCode?: string;
  /** Pairing lockouts the server reported, oldest first. */
  pairingAlerts: string[];
}

/**
 * A stand-in for the screen pages (issue 8) while they are not wired: draws the CV volts, gate
 * activity and a small menu with canvas into 240x240 RGBA, as the perform and menu pages will.
 */
export function drawTestScreen(state: TestScreenState): Uint8ClampedArray {
  const canvas = createCanvas(240, 240);
  const g = canvas.getContext('2d');
  g.fillStyle = '#000';
  g.fillRect(0, 0, 240, 240);
  g.fillStyle = '#ff9e3d';
  g.font = 'bold 16px sans-serif';
  g.fillText(state.entered ? state.entered.toUpperCase() : 'PERFORM', 8, 20);
  g.font = '15px monospace';
  state.cv.forEach((v, i) => {
    g.fillStyle = '#62f08b';
    g.fillText(`CV${i + 1} ${v >= 0 ? '+' : ''}${v.toFixed(2)} V`, 8, 46 + i * 20);
    g.fillStyle = '#333';
    g.fillRect(150, 36 + i * 20, 80, 10);
    g.fillStyle = '#62f08b';
    g.fillRect(190, 36 + i * 20, Math.max(-40, Math.min(40, v * 8)), 10);
  });
  state.gates.forEach((on, i) => {
    g.fillStyle = on ? '#f33' : '#400';
    g.beginPath();
    g.arc(20 + i * 24, 136, 7, 0, Math.PI * 2);
    g.fill();
  });
  state.menu.forEach((item, i) => {
    const y = 160 + i * 18;
    if (i === state.cursor) {
      g.fillStyle = '#ff9e3d';
      g.fillRect(4, y - 13, 232, 17);
    }
    g.fillStyle = i === state.cursor ? '#000' : '#ddd';
    g.fillText(item, 10, y);
  });
  if (state.pairingCode) {
    g.fillStyle = '#002b5c';
    g.fillRect(20, 80, 200, 70);
    g.fillStyle = '#fff';
    g.font = 'bold 28px monospace';
    g.fillText(state.pairingCode, 28, 128);
  }
  const data = g.getImageData(0, 0, 240, 240).data;
  return new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
}
