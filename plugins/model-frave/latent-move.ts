/**
 * A position along the latent's principal directions (ModelRenderer.setLatent) as a vector to add
 * to every latent frame: the sum of position[i] x deviation[i] x direction[i], over the directions
 * the manifest lists (entries beyond them, and non-finite ones, are ignored).
 */
export function latentOffset(position: readonly number[], latent: { readonly dim: number; readonly directions?: readonly (readonly number[])[]; readonly deviations?: readonly number[] }): Float32Array {
  const out = new Float32Array(latent.dim);
  const dirs = latent.directions ?? [];
  const devs = latent.deviations ?? [];
  for (let i = 0; i < Math.min(position.length, dirs.length); i++) {
    const p = position[i]!;
    const scale = Number.isFinite(p) ? p * (devs[i] ?? 1) : 0;
    if (scale === 0) continue;
    const dir = dirs[i]!;
    for (let j = 0; j < latent.dim; j++) out[j] += scale * (dir[j] ?? 0);
  }
  return out;
}

/** Adds `offset` to each of the `t` frames of a packed latent [t][dim], in place. */
export function addToFrames(latent: Float32Array, offset: Float32Array): void {
  const dim = offset.length;
  for (let k = 0; k < latent.length; k += dim) for (let j = 0; j < dim; j++) latent[k + j]! += offset[j]!;
}
