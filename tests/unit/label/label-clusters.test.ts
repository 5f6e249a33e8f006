import { describe, expect, it } from 'vitest';
import { labelClusters, NOISE_NAME } from '../../../build-scripts/label/label-clusters';

/** Deterministic stand-in for MiniLM: bag of words hashed into 64 dims, L2-normalised. */
function fakeEmbed(text: string): Float32Array {
  const v = new Float32Array(64);
  for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    let h = 2166136261;
    for (const ch of w) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    v[(h >>> 0) % 64] += 1;
  }
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

let calls: string[][] = [];
const embed = async (texts: string[]) => {
  calls.push(texts);
  return texts.map(fakeEmbed);
};

let nextId = 1;
const movie = (overview: string, keywords: string[], genres: string[], year: number, vote_average = 7) =>
  ({ id: nextId++, overview, tagline: null, keywords, genres, year, vote_average, vote_count: 100 });

const movies = [
  movie('Survivors flee a zombie outbreak in the city.', ['zombie apocalypse', 'survival'], ['Horror'], 2004),
  movie('A zombie outbreak traps a family at the mall.', ['zombie apocalypse'], ['Horror', 'Action'], 2008),
  movie('The zombie apocalypse leaves a soldier alone.', ['zombie apocalypse', 'survival'], ['Horror'], 2007),
  movie('Pirates hunt a cursed treasure at sea.', ['pirate', 'treasure hunt'], ['Adventure'], 2003),
  movie('A pirate captain sails for buried treasure.', ['pirate', 'treasure hunt'], ['Adventure'], 1995),
  movie('Treasure maps lead rival pirates to an island.', ['pirate', 'island'], ['Adventure', 'Family'], 1999),
  movie('A lonely accountant learns to dance.', ['dance'], ['Comedy'], 1997)
];
const embeddings = movies.map((m) => fakeEmbed(`${m.overview} ${m.keywords.join(' ')}`));
const clustering = { labels: Int32Array.from([0, 0, 0, 1, 1, 1, -1]), k: 2 };

describe('labelClusters', () => {
  it('labels each cluster with keywords, a name, stats and quality; noise is "Unclustered"', async () => {
    calls = [];
    const out = await labelClusters({ movies, embeddings, clustering, embed });
    expect(out.map((c) => c.cluster)).toEqual([-1, 0, 1]);
    const [noise, zombies, pirates] = out;
    expect(noise).toMatchObject({ name: NOISE_NAME, keywords: [], size: 1, labelQuality: null });

    expect(zombies.keywords.length).toBeLessThanOrEqual(5);
    expect(zombies.keywords.map((k) => k.phrase).join(' ')).toMatch(/zombie/);
    expect(pirates.keywords.map((k) => k.phrase).join(' ')).toMatch(/pirate|treasure/);
    expect(zombies.name).toMatch(/Zombie/);
    for (const c of [zombies, pirates]) {
      const words = c.name.split(' ');
      expect(words.length).toBeGreaterThanOrEqual(2);
      expect(words.length).toBeLessThanOrEqual(4);
      expect(c.labelQuality!.membersCovered).toBe(1);
    }
    expect(zombies.labelQuality!.grounded).toBe(1);
    // "Treasure" alone is padded with the top genre, which no synopsis mentions: 7 of 8 words.
    expect(pirates.name).toBe('Treasure Adventure');
    expect(pirates.labelQuality!.grounded).toBe(7 / 8);
    expect(zombies.size).toBe(3);
    expect(zombies.avgRating).toBe(7);
    expect(zombies.topGenres[0]).toEqual({ value: 'Horror', count: 3, share: 1 });
    expect(zombies.topDecades[0]).toMatchObject({ value: 2000, count: 3 });
    expect(zombies.representatives).toHaveLength(3);
    expect(new Set(zombies.representatives)).toEqual(new Set(movies.slice(0, 3).map((m) => m.id)));
  });

  it('embeds all candidates in one deduplicated call and is deterministic', async () => {
    calls = [];
    const a = await labelClusters({ movies, embeddings, clustering, embed });
    expect(calls).toHaveLength(1);
    expect(new Set(calls[0]).size).toBe(calls[0].length);
    const b = await labelClusters({ movies, embeddings, clustering, embed });
    expect(b).toEqual(a);
  });

  it('gives unique names even when clusters share their vocabulary, and handles empty clusters', async () => {
    const twins = { labels: Int32Array.from([0, 1, 0, 1, 2, 2, 2]), k: 4 };
    const out = await labelClusters({ movies, embeddings, clustering: twins, embed, diversity: 0.3, topN: 3 });
    expect(out).toHaveLength(4);
    expect(new Set(out.map((c) => c.name.toLowerCase())).size).toBe(4);
    expect(out[3]).toMatchObject({ size: 0, keywords: [], labelQuality: null });
    expect(out.every((c) => c.keywords.length <= 3)).toBe(true);
  });

  it('rejects misaligned inputs and a short embedder answer', async () => {
    await expect(labelClusters({ movies, embeddings: embeddings.slice(1), clustering, embed })).rejects.toThrow(/align/);
    await expect(labelClusters({ movies, embeddings, clustering, embed: async () => [] })).rejects.toThrow(/vectors/);
  });
});
