/** Periodic Hann window (scipy `get_window('hann', size, fftbins=True)`): denominator `size`, not `size - 1`. */
export function periodicHann(size: number): Float64Array {
  const w = new Float64Array(size);
  for (let i = 0; i < size; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  return w;
}
