/**
 * The map / micro-genre / models SQL (src/lib/db/queries-atlas.ts) on artifacts written by
 * the real build (sample catalogue, tiny test model), loaded into DuckDB-WASM by the site's
 * own loader — as tests/unit/db/atlas.test.ts does. Expected answers are computed here in
 * plain TypeScript from the Parquet files, read back with the build's DuckDB (readTable,
 * @duckdb/node-api), never from the queries under test.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../../build-scripts/cluster/registry';
import { runBuild } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { withDb } from '../../../build-scripts/write/duckdb';
import { CLUSTERS, CLUSTERS_META, LAYOUT, readTable, type ClusterMetaRow, type ClusterRow, type LayoutRow } from '../../../build-scripts/write/atlas-parquet';
import { loadArtifacts } from '../../../src/lib/db/client';
import type { DbEngine } from '../../../src/lib/db/engine';
import { fetchFromDir, openNodeEngine } from '../../../src/lib/db/node';
import { DEFAULT_MIN_VOTES_FOR_AVG } from '../../../src/lib/db/queries';
import {
  atlasPoints, clusterAssignments, clusterDecades, clusterMemberKeywords, clusterMeta, clusterMetaOne, clusterRatings,
  clusterSizes, findOnMap, movieBriefs, wordMembers, type ClusterMeta
} from '../../../src/lib/db/queries-atlas';
import { toRows } from '../../../src/lib/db/rows';
import { TINY_MODEL } from '../embed/helpers';
import { dataUrl } from '../db/fixture';

interface MovieRow {
  id: number;
  title: string;
  year: number | null;
  overview: string | null;
  tagline: string | null;
  keywords: string[] | null;
  vote_average: number | null;
  vote_count: number | null;
}

/** Code-point order, as DuckDB sorts VARCHAR. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

describe('queries-atlas on a full build', () => {
  let out: string;
  let engine: DbEngine;
  let registry: Registry;
  let layout: LayoutRow[];
  let clusters: ClusterRow[];
  let meta: ClusterMetaRow[];
  let movies: MovieRow[];
  let byId: Map<number, MovieRow>;
  let models: string[];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cineatlas-queries-atlas-'));
    await runBuild({
      sources: [], out, progress: silentProgress(),
      embed: { model: TINY_MODEL, dtype: 'fp32' },
      clusters: { seed: 7, promotion: { metric: 'silhouette', min: 0.05 } }
    });
    registry = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8')) as Registry;
    models = registry.models.map((m) => m.id);
    layout = await readTable(LAYOUT, out);
    clusters = await readTable(CLUSTERS, out);
    meta = await readTable(CLUSTERS_META, out);
    movies = await withDb(async (d) =>
      (
        await d.all(
          `SELECT CAST(id AS DOUBLE) AS id, title, year, overview, tagline, keywords, vote_average, vote_count FROM read_parquet($1)`,
          [join(out, 'movies.parquet')]
        )
      ).map((r) => ({ ...r, id: Number(r.id) }) as MovieRow)
    );
    byId = new Map(movies.map((m) => [m.id, m]));
    engine = await openNodeEngine();
    await loadArtifacts(engine, { dataUrl, fetch: fetchFromDir(out) });
  }, 180_000);

  afterAll(async () => {
    await engine?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const members = (model: string, cluster: number) =>
    clusters.filter((c) => c.model === model && c.cluster === cluster).map((c) => byId.get(c.movie_id)!);

  /** A cluster of each model with members (the largest), plus HDBSCAN's noise. */
  const someClusters = () => {
    const out: { model: string; cluster: number }[] = [];
    for (const model of models) {
      const counts = new Map<number, number>();
      for (const c of clusters) if (c.model === model) counts.set(c.cluster, (counts.get(c.cluster) ?? 0) + 1);
      const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      out.push({ model, cluster: sorted.find(([c]) => c >= 0)![0] }, { model, cluster: sorted.at(-1)![0] });
      if (counts.has(-1)) out.push({ model, cluster: -1 });
    }
    return out;
  };

  it('builds models the tests rely on (several, one with noise, Ward with macro genres)', () => {
    expect(models.length).toBeGreaterThanOrEqual(3);
    expect(clusters.some((c) => c.cluster === -1)).toBe(true);
    expect(meta.some((m) => m.level === 'macro')).toBe(true);
    expect(movies).toHaveLength(214);
  });

  // ------------------------------------------------------------------------------------
  // Map

  it('atlasPoints: every movie with a position, in id order', async () => {
    const pts = await atlasPoints(engine);
    const expected = layout
      .filter((l) => l.x !== null && l.y !== null && byId.has(l.id))
      .sort((a, b) => a.id - b.id)
      .map((l) => {
        const m = byId.get(l.id)!;
        return { id: l.id, title: m.title, year: m.year, vote_count: m.vote_count, x: l.x, y: l.y };
      });
    expect(pts).toEqual(expected);
    for (const p of pts) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1);
    }
  });

  it('clusterAssignments: each model’s clusters in movie id order', async () => {
    for (const model of models) {
      const got = await clusterAssignments(engine, model);
      const expected = clusters
        .filter((c) => c.model === model)
        .sort((a, b) => a.movie_id - b.movie_id)
        .map((c) => ({ movie_id: c.movie_id, cluster: c.cluster, display_cluster: c.display_cluster }));
      expect(got).toEqual(expected);
      // Noise takes a real display cluster; others display as themselves.
      for (const a of got) expect(a.display_cluster).toBe(a.cluster >= 0 ? a.cluster : a.display_cluster);
      for (const a of got) expect(a.display_cluster).toBeGreaterThanOrEqual(0);
    }
  });

  it('clusterAssignments: an unknown or SQL-ish model matches nothing', async () => {
    expect(await clusterAssignments(engine, 'nope')).toEqual([]);
    expect(await clusterAssignments(engine, "kmeans' OR '1'='1")).toEqual([]);
    expect(await clusterAssignments(engine, "x'; DROP TABLE clusters; --")).toEqual([]);
    expect((await clusterAssignments(engine, models[0])).length).toBeGreaterThan(0);
  });

  // ------------------------------------------------------------------------------------
  // clusters_meta

  const metaOf = (r: ClusterMetaRow): ClusterMeta => ({ ...r });

  it('clusterMeta: micro rows of a model in cluster order, every column', async () => {
    for (const model of models) {
      const got = await clusterMeta(engine, model);
      const expected = meta.filter((m) => m.model === model && m.level === 'micro').sort((a, b) => a.cluster - b.cluster).map(metaOf);
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(expected);
    }
    const hdb = await clusterMeta(engine, 'hdbscan');
    expect(hdb[0].cluster).toBe(-1); // HDBSCAN's noise row included
  });

  it('clusterMeta: macro level and both levels (micro first)', async () => {
    const macro = await clusterMeta(engine, 'ward', 'macro');
    expect(macro).toEqual(meta.filter((m) => m.model === 'ward' && m.level === 'macro').sort((a, b) => a.cluster - b.cluster).map(metaOf));
    expect(macro.length).toBeGreaterThan(0);
    const both = await clusterMeta(engine, 'ward', null);
    const micro = await clusterMeta(engine, 'ward', 'micro');
    expect(both).toEqual([...micro, ...macro]);
    // Micro clusters point at existing macro clusters.
    const macroIds = new Set(macro.map((m) => m.cluster));
    for (const m of micro) expect(macroIds.has(m.parent!)).toBe(true);
  });

  it('clusterMeta: nothing for an unknown or injected model', async () => {
    expect(await clusterMeta(engine, 'nope')).toEqual([]);
    expect(await clusterMeta(engine, "ward' OR 1=1 --", null)).toEqual([]);
  });

  it('clusterMetaOne: one row or null', async () => {
    for (const r of meta.filter((m, i) => i % 5 === 0)) {
      expect(await clusterMetaOne(engine, r.model, r.cluster, r.level)).toEqual(metaOf(r));
    }
    const wardMacro = meta.find((m) => m.model === 'ward' && m.level === 'macro')!;
    expect(await clusterMetaOne(engine, 'ward', wardMacro.cluster)).toEqual(
      metaOf(meta.find((m) => m.model === 'ward' && m.level === 'micro' && m.cluster === wardMacro.cluster)!)
    );
    expect(await clusterMetaOne(engine, models[0], 99_999)).toBeNull();
    expect(await clusterMetaOne(engine, 'nope', 0)).toBeNull();
  });

  it('clusterSizes: every model’s micro clusters by size, noise left out', async () => {
    const counts = new Map<string, number>();
    for (const c of clusters) if (c.cluster >= 0) counts.set(`${c.model}\u0000${c.cluster}`, (counts.get(`${c.model}\u0000${c.cluster}`) ?? 0) + 1);
    const expected = [...counts]
      .map(([k, size]) => {
        const [model, cluster] = k.split('\u0000');
        return { model, cluster: Number(cluster), size };
      })
      .sort((a, b) => byText(a.model, b.model) || b.size - a.size || a.cluster - b.cluster);
    const got = await clusterSizes(engine);
    expect(got).toEqual(expected);
    for (const model of models) {
      expect(got.filter((s) => s.model === model).reduce((a, s) => a + s.size, 0)).toBe(
        clusters.filter((c) => c.model === model && c.cluster >= 0).length
      );
    }
  });

  // ------------------------------------------------------------------------------------
  // Movies by id, titles

  it('movieBriefs: known ids in the order given, duplicates and junk dropped', async () => {
    const ids = [movies[10].id, movies[3].id, 987_654_321, movies[10].id, 1.5, NaN, movies[0].id];
    const got = await movieBriefs(engine, ids);
    const brief = (m: MovieRow) => ({ id: m.id, title: m.title, year: m.year, vote_average: m.vote_average, vote_count: m.vote_count });
    expect(got).toEqual([brief(movies[10]), brief(movies[3]), brief(movies[0])]);
    expect(await movieBriefs(engine, [])).toEqual([]);
    expect(await movieBriefs(engine, [NaN, 2.5])).toEqual([]);
    const all = await movieBriefs(engine, movies.map((m) => m.id));
    expect(all.map((b) => b.id)).toEqual(movies.map((m) => m.id));
  });

  /** findOnMap, computed in TypeScript. */
  const expectFind = (text: string, limit = 8) => {
    const q = fold(text.trim().slice(0, 100));
    if (!q) return [];
    const onMap = new Set(layout.filter((l) => l.x !== null && l.y !== null).map((l) => l.id));
    return movies
      .filter((m) => onMap.has(m.id) && fold(m.title).includes(q))
      .sort(
        (a, b) =>
          Number(!fold(a.title).startsWith(q)) - Number(!fold(b.title).startsWith(q)) ||
          (b.vote_count ?? -Infinity) - (a.vote_count ?? -Infinity) ||
          a.id - b.id
      )
      .slice(0, Math.min(50, Math.max(1, Math.floor(limit))))
      .map((m) => ({ id: m.id, title: m.title, year: m.year, vote_average: m.vote_average, vote_count: m.vote_count }));
  };

  it('findOnMap: title contains the text (case and accents ignored), prefix matches first, then votes', async () => {
    const queries = ['the', 'The', ' THE ', 'a', 'of', 'amelie', 'AMÉLIE', "schindler's", 'Harry', 'e', 'ring', 'star', 'zzzz'];
    for (const q of queries) expect(await findOnMap(engine, q)).toEqual(expectFind(q));
    expect((await findOnMap(engine, 'amelie')).map((m) => m.title)).toEqual(['Amélie']);
    const the = await findOnMap(engine, 'the', 50);
    expect(the.length).toBeGreaterThan(8);
    expect(the).toEqual(expectFind('the', 50));
  });

  it('findOnMap: clamps the limit to 1–50 and ignores blank text', async () => {
    expect(await findOnMap(engine, 'e', 0)).toHaveLength(1);
    expect(await findOnMap(engine, 'e', -5)).toEqual(expectFind('e', 1));
    expect(await findOnMap(engine, 'e', 3.9)).toEqual(expectFind('e', 3));
    const many = await findOnMap(engine, 'e', 10_000);
    expect(many).toHaveLength(Math.min(50, expectFind('e', 1000).length));
    expect(many).toEqual(expectFind('e', 50));
    expect(await findOnMap(engine, '')).toEqual([]);
    expect(await findOnMap(engine, '   ')).toEqual([]);
  });

  it('findOnMap: quotes and SQL in the text are data, not SQL (bound parameters)', async () => {
    const nasty = ["'; DROP TABLE movies; --", "' OR '1'='1", '"; DROP TABLE layout; --', "\\'", '%', '_', "O'Brien", "it's a"];
    for (const text of nasty) {
      const got = await findOnMap(engine, text);
      expect(got).toEqual(expectFind(text));
    }
    expect(await findOnMap(engine, "'; DROP TABLE movies; --")).toEqual([]);
    expect(await findOnMap(engine, "' OR '1'='1")).toEqual([]);
    // LIKE wildcards are literal characters here.
    expect(await findOnMap(engine, '%')).toEqual([]);
    expect((await findOnMap(engine, "it's a")).map((m) => m.title)).toContain("It's a Wonderful Life");
    // The tables are still there and whole.
    const [{ n }] = toRows<{ n: number }>(await engine.query('SELECT count(*) AS n FROM movies'));
    expect(n).toBe(214);
    const [{ l }] = toRows<{ l: number }>(await engine.query('SELECT count(*) AS l FROM layout'));
    expect(l).toBe(layout.length);
  });

  // ------------------------------------------------------------------------------------
  // One micro-genre

  it('clusterDecades: members per decade, oldest first', async () => {
    for (const { model, cluster } of someClusters()) {
      const counts = new Map<number, number>();
      for (const m of members(model, cluster)) {
        if (m.year === null) continue;
        const dec = Math.floor(m.year / 10) * 10;
        counts.set(dec, (counts.get(dec) ?? 0) + 1);
      }
      const expected = [...counts].sort((a, b) => a[0] - b[0]).map(([decade, movies]) => ({ decade, movies }));
      const got = await clusterDecades(engine, model, cluster);
      expect(got).toEqual(expected);
      expect(got.reduce((a, d) => a + d.movies, 0)).toBe(members(model, cluster).filter((m) => m.year !== null).length);
    }
    expect(await clusterDecades(engine, models[0], 99_999)).toEqual([]);
  });

  it('clusterRatings: half-point bins of rated members with enough votes', async () => {
    for (const { model, cluster } of someClusters()) {
      for (const minVotes of [DEFAULT_MIN_VOTES_FOR_AVG, 0, 5000]) {
        const counts = new Map<number, number>();
        for (const m of members(model, cluster)) {
          if (m.vote_average === null || (m.vote_count ?? -Infinity) < minVotes) continue;
          const bin = Math.min(Math.floor(m.vote_average * 2) / 2, 9.5);
          counts.set(bin, (counts.get(bin) ?? 0) + 1);
        }
        const expected = [...counts].sort((a, b) => a[0] - b[0]).map(([bin, movies]) => ({ bin, movies }));
        const got = minVotes === DEFAULT_MIN_VOTES_FOR_AVG ? await clusterRatings(engine, model, cluster) : await clusterRatings(engine, model, cluster, minVotes);
        expect(got).toEqual(expected);
        for (const b of got) {
          expect(b.bin * 2).toBe(Math.round(b.bin * 2));
          expect(b.bin).toBeLessThanOrEqual(9.5);
        }
      }
    }
  });

  it('clusterMemberKeywords: keywords by members carrying them (once per member), then A–Z', async () => {
    const expectedFor = (model: string, cluster: number) => {
      const counts = new Map<string, number>();
      for (const m of members(model, cluster)) for (const kw of new Set(m.keywords ?? [])) counts.set(kw, (counts.get(kw) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).map(([text, members]) => ({ text, members }));
    };
    for (const { model, cluster } of someClusters()) {
      const full = expectedFor(model, cluster);
      expect(await clusterMemberKeywords(engine, model, cluster)).toEqual(full.slice(0, 40));
      expect(await clusterMemberKeywords(engine, model, cluster, 3)).toEqual(full.slice(0, 3));
      expect(await clusterMemberKeywords(engine, model, cluster, 0)).toEqual(full.slice(0, 1));
      expect(await clusterMemberKeywords(engine, model, cluster, 1e6)).toEqual(full.slice(0, 200));
    }
    const big = someClusters()[0];
    expect(expectedFor(big.model, big.cluster).length).toBeGreaterThan(3);
    expect(await clusterMemberKeywords(engine, 'nope', 0)).toEqual([]);
  });

  it('wordMembers: members mentioning each word anywhere in their text, case-insensitive', async () => {
    for (const { model, cluster } of someClusters()) {
      const mine = members(model, cluster);
      const labelWords = meta.find((m) => m.model === model && m.level === 'micro' && m.cluster === cluster)?.keywords ?? [];
      const titleWord = mine[0].title.split(' ')[0];
      const words = [
        ...labelWords, titleWord, titleWord.toUpperCase(), ` ${titleWord} `, 'love', 'the', 'zzqxj', "o'brien",
        "'; DROP TABLE movies; --", '', '   ', '%', (mine[0].keywords ?? [])[0] ?? 'murder'
      ];
      const texts = mine.map((m) =>
        [m.title, m.overview, m.tagline, m.keywords?.length ? m.keywords.join(' ') : null].filter((s) => s !== null).join(' ').toLowerCase()
      );
      const uniq = [...new Set(words.map((w) => w.trim().toLowerCase()).filter(Boolean))];
      const expected = uniq
        .map((text) => ({ text, members: texts.filter((t) => t.includes(text)).length }))
        .sort((a, b) => b.members - a.members || byText(a.text, b.text));
      const got = await wordMembers(engine, model, cluster, words);
      expect(got).toEqual(expected);
      expect(got.find((w) => w.text === titleWord.toLowerCase())!.members).toBeGreaterThanOrEqual(1);
      expect(got.find((w) => w.text === 'zzqxj')!.members).toBe(0);
    }
    expect(await wordMembers(engine, models[0], 0, [])).toEqual([]);
    expect(await wordMembers(engine, models[0], 0, ['  ', ''])).toEqual([]);
    const [{ n }] = toRows<{ n: number }>(await engine.query('SELECT count(*) AS n FROM movies'));
    expect(n).toBe(214);
  });

  it('wordMembers: at most 100 distinct words', async () => {
    const { model, cluster } = someClusters()[0];
    const words = Array.from({ length: 150 }, (_, i) => `w${String(i).padStart(3, '0')}`);
    const got = await wordMembers(engine, model, cluster, [...words, ...words]);
    expect(got.map((w) => w.text).sort()).toEqual(words.slice(0, 100));
  });

  // ------------------------------------------------------------------------------------
  // A build without clusters_meta's optional columns

  it('reads optional clusters_meta columns a table lacks as NULL', async () => {
    const bare = await openNodeEngine();
    try {
      const serve = fetchFromDir(out);
      // No manifest, no clusters_meta.parquet: the loader creates the minimal empty table.
      const fetchFn = (async (input: RequestInfo | URL) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.endsWith('/manifest.json') || url.endsWith('/clusters_meta.parquet')) return new Response('not found', { status: 404 });
        return serve(input);
      }) as typeof fetch;
      const report = await loadArtifacts(bare, { dataUrl, fetch: fetchFn });
      expect(report.absent).toContain('clusters_meta.parquet');
      expect(await clusterMeta(bare, 'kmeans')).toEqual([]);
      await bare.query(
        `INSERT INTO clusters_meta VALUES ('kmeans', 'micro', 3, 'Heists', ['bank', 'vault'], 12, 0.25, 0.75)`
      );
      const row = {
        model: 'kmeans', level: 'micro', cluster: 3, name: 'Heists', keywords: ['bank', 'vault'], size: 12, x: 0.25, y: 0.75,
        keyword_scores: null, avg_rating: null, rated_count: null, representatives: null, top_genres: null, top_genre_shares: null,
        top_decades: null, top_decade_shares: null, label_grounded: null, label_coverage: null, parent: null
      };
      expect(await clusterMeta(bare, 'kmeans')).toEqual([row]);
      expect(await clusterMetaOne(bare, 'kmeans', 3)).toEqual(row);
      expect(await clusterMeta(bare, 'kmeans', 'macro')).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
