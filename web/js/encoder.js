// The RGB encoder: drag up/down or scroll to turn, one detent per step; click to press (the
// module's push button, as on the v1 panel); hold for a long press (the host's button driver times
// it, so the page just holds the button down). Down (drag, wheel, ArrowDown) and ArrowRight turn
// clockwise, which moves a menu cursor down and raises a value, as the knob does on the module.

const PIXELS_PER_DETENT = 14;
const CLICK_SLOP_PX = 4;

export function bindEncoder(el, { turn, press }) {
  let lastY = 0;
  let moved = 0;
  let down = false;
  el.addEventListener('pointerdown', (ev) => {
    el.setPointerCapture(ev.pointerId);
    lastY = ev.clientY;
    moved = 0;
    down = true;
    press('down');
    el.classList.add('pressed');
    ev.preventDefault();
  });
  el.addEventListener('pointermove', (ev) => {
    if (!down) return;
    const dy = ev.clientY - lastY;
    moved += Math.abs(dy);
    if (moved > CLICK_SLOP_PX && el.classList.contains('pressed')) {
      // a drag is a turn, not a press: let go of the button at once
      press('up');
      el.classList.remove('pressed');
    }
    const detents = Math.trunc(dy / PIXELS_PER_DETENT);
    if (detents !== 0) {
      turn(detents);
      lastY += detents * PIXELS_PER_DETENT;
    }
  });
  const release = () => {
    if (!down) return;
    down = false;
    if (el.classList.contains('pressed')) press('up');
    el.classList.remove('pressed');
  };
  el.addEventListener('pointerup', release);
  el.addEventListener('pointercancel', release);
  el.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    if (ev.deltaY !== 0) turn(ev.deltaY > 0 ? 1 : -1);
  }, { passive: false });
  el.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowRight') turn(1);
    else if (ev.key === 'ArrowUp' || ev.key === 'ArrowLeft') turn(-1);
    else if ((ev.key === 'Enter' || ev.key === ' ') && !ev.repeat) press('down');
    else return;
    ev.preventDefault();
  });
  el.addEventListener('keyup', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') press('up');
  });
}

/** A momentary button: down while the pointer (or Space/Enter) holds it. */
export function bindMomentary(el, onState) {
  let held = false;
  const set = (on) => {
    if (on === held) return;
    held = on;
    el.classList.toggle('pressed', on);
    onState(on);
  };
  el.addEventListener('pointerdown', (ev) => { el.setPointerCapture(ev.pointerId); set(true); ev.preventDefault(); });
  el.addEventListener('pointerup', () => set(false));
  el.addEventListener('pointercancel', () => set(false));
  el.addEventListener('keydown', (ev) => { if ((ev.key === ' ' || ev.key === 'Enter') && !ev.repeat) { set(true); ev.preventDefault(); } });
  el.addEventListener('keyup', (ev) => { if (ev.key === ' ' || ev.key === 'Enter') set(false); });
}
