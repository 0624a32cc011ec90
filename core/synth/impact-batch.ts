import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_IMPACT_CATEGORIES, type ImpactCategory, type ImpactRecipe } from './impact-recipe';
import { encodeImpactWav } from './impact-wav';
import { mixSeed } from './prng';
import { makeImpactRecipe } from './recipes/make-recipe';
import { renderImpact } from './render/render-impact';

/** One generated item: its files, seed and recipe. */
export interface GeneratedImpact {
  index: number;
  seed: number;
  recipe: ImpactRecipe;
  wav: string;
  sidecar: string;
}

export interface ImpactBatchOptions {
  count: number;
  seed: number;
  outDir: string;
  /** Categories to cycle through, in order (default: DEFAULT_IMPACT_CATEGORIES). */
  categories?: readonly ImpactCategory[];
  onItem?: (item: GeneratedImpact) => void;
}

/**
 * Writes `count` impacts to outDir as `<category>-<nnnn>.wav` (32-bit float mono, 22050 Hz) with a
 * `<category>-<nnnn>.json` sidecar holding the item's seed and full recipe. Item i gets seed
 * mixSeed(seed, i) and category categories[i mod length], so a batch is reproducible from
 * (count, seed, categories) and its first k items do not depend on count.
 */
export async function generateImpactBatch(opts: ImpactBatchOptions): Promise<GeneratedImpact[]> {
  const cats = opts.categories && opts.categories.length ? opts.categories : DEFAULT_IMPACT_CATEGORIES;
  await fs.mkdir(opts.outDir, { recursive: true });
  const width = Math.max(4, String(opts.count - 1).length);
  const items: GeneratedImpact[] = [];
  for (let i = 0; i < opts.count; i++) {
    const seed = mixSeed(opts.seed, i);
    const recipe = makeImpactRecipe(seed, cats[i % cats.length]);
    const base = `${recipe.category}-${String(i).padStart(width, '0')}`;
    const wav = join(opts.outDir, `${base}.wav`);
    const sidecar = join(opts.outDir, `${base}.json`);
    await fs.writeFile(wav, encodeImpactWav(renderImpact(recipe, seed)));
    await fs.writeFile(sidecar, JSON.stringify({ seed, batch: { seed: opts.seed, index: i }, recipe }, null, 2) + '\n');
    const item = { index: i, seed, recipe, wav, sidecar };
    opts.onItem?.(item);
    items.push(item);
  }
  return items;
}
