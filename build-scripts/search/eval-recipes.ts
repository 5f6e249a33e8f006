/**
 * Alternative movie-text recipes for `npm run eval:search -- --recipes …`: each re-embeds the
 * whole catalogue in memory (~1 min for TMDB 5000 on 2 cores) so its semantic and hybrid
 * scores can be set beside recipe v1's (embeddings.parquet). Vectors are cached in the OS temp
 * folder by recipe, model hash and the texts, so reruns are free.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Movie } from '../../src/lib/core/movie';
import { movieText } from '../../src/lib/core/movie-text';
import { ExactVectorSearcher } from '../../src/lib/core/search/exact';
import type { Embedder } from '../embed/embedder';

export const RECIPES: Record<string, { about: string; text: (m: Movie) => string }> = {
  'no-keywords': {
    about: 'v1 without the "Keywords:" sentence (title, tagline, overview, genres)',
    text: (m) => movieText({ ...m, keywords: [] })
  },
  'credits-year': {
    about: 'v1 plus "Directed by …. Starring … (top 3). Released in {year}."',
    text: (m) => {
      const extra = [
        m.directors.length ? `Directed by ${m.directors.join(', ')}.` : '',
        m.cast.length ? `Starring ${m.cast.slice(0, 3).join(', ')}.` : '',
        m.year ? `Released in ${m.year}.` : ''
      ].filter(Boolean).join(' ');
      return [movieText(m), extra].filter(Boolean).join(' ');
    }
  }
};

export async function embedRecipe(
  name: string,
  movies: readonly Movie[],
  embedder: Embedder,
  onProgress?: (done: number, total: number) => void
): Promise<ExactVectorSearcher> {
  const recipe = RECIPES[name];
  if (!recipe) throw new Error(`unknown recipe "${name}" (have: ${Object.keys(RECIPES).join(', ')})`);
  const texts = movies.map(recipe.text);
  const key = createHash('sha256').update(`${name}\0${embedder.info.sha256}\0${embedder.info.maxLength}\0`).update(texts.join('\0')).digest('hex');
  const file = join(tmpdir(), `cineatlas-recipe-${name}-${key.slice(0, 16)}.f32`);
  let data: Float32Array;
  if (existsSync(file)) {
    const buf = readFileSync(file);
    data = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  } else {
    data = await embedder.embed(texts, { batchSize: 8, onProgress });
    writeFileSync(file, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  return ExactVectorSearcher.fromFloat32(movies.map((m) => m.id), data, data.length / movies.length);
}
