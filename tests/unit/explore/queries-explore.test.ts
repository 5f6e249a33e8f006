/**
 * The explorer / movie / person SQL (src/lib/db/queries-explore.ts) on a full sample build
 * (tiny test model, so clusters exist), run by the same DuckDB-WASM as the browser.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../../../build-scripts/cluster/registry';
import { runBuild } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { loadArtifacts } from '../../../src/lib/db/client';
import type { DbEngine } from '../../../src/lib/db/engine';
import { fetchFromDir, openNodeEngine } from '../../../src/lib/db/node';
import { all, countMovies, movieList, personFilmography } from '../../../src/lib/db/queries';
import {
  clusterNamesFor, coCredits, genreBaseline, movieClusterDetails, ratingHistogram, runtimeHistogram, similarMoviesSql
} from '../../../src/lib/db/queries-explore';
import { sql } from '../../../src/lib/db/sql';
import { collaboratorPairs, genreSpecialisation } from '../../../src/lib/site/explore-people';
import { TINY_MODEL } from '../embed/helpers';

const dataUrl = (f: string) => `/cineatlas/data/${f}`;

describe('queries-explore on the sample build', () => {
  let out: string;
  let db: DbEngine;
  let registry: Registry;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cineatlas-explore-'));
    await runBuild({ sources: [], out, progress: silentProgress(), embed: { model: TINY_MODEL, dtype: 'fp32' }, clusters: { seed: 1 } });
    registry = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8')) as Registry;
    db = await openNodeEngine();
    await loadArtifacts(db, { dataUrl, fetch: fetchFromDir(out) });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('rating histogram: whole-point bins that add up to the rated movies, and follow the filters', async () => {
    const bins = await ratingHistogram(db);
    const [{ n }] = await all<{ n: number }>(db, sql`SELECT count(*) AS n FROM movies WHERE vote_average IS NOT NULL`);
    expect(bins.reduce((s, b) => s + b.movies, 0)).toBe(n);
    for (const b of bins) expect(b.bin >= 0 && b.bin <= 9).toBe(true);
    const drama = await ratingHistogram(db, { genres: ['Drama'] });
    expect(drama.reduce((s, b) => s + b.movies, 0)).toBeLessThan(n);
    const b7 = bins.find((b) => b.bin === 7)!;
    expect(b7.movies).toBe(await countMovies(db, { ratingMin: 7, ratingMax: 7.99999 }));
  });

  it('runtime histogram: 30-minute bins, the last one open-ended', async () => {
    const bins = await runtimeHistogram(db);
    expect(bins.every((b) => b.bin % 30 === 0 && b.bin <= 210)).toBe(true);
    expect(bins.reduce((s, b) => s + b.movies, 0)).toBe(await countMovies(db, { runtimeMin: 1 }));
  });

  it('names the micro-genre of each movie of a page', async () => {
    const page = await movieList(db, { pageSize: 20 });
    const names = await clusterNamesFor(db, page.rows.map((r) => r.id), registry.default_model);
    expect(names.length).toBe(20);
    expect(names.filter((n) => n.cluster >= 0).every((n) => typeof n.name === 'string' && n.name.length > 0)).toBe(true);
    expect(await clusterNamesFor(db, [], registry.default_model)).toEqual([]);
  });

  it('gives a movie its micro-genre in every model', async () => {
    const details = await movieClusterDetails(db, 1);
    expect(details.map((d) => d.model).sort()).toEqual(registry.models.map((m) => m.id).sort());
  });

  it('similar movies: never the movie itself, best first, and within the cluster only members', async () => {
    const id = 1;
    const global = await similarMoviesSql(db, id, { scope: 'global', model: registry.default_model, limit: 8 });
    expect(global.length).toBe(8);
    expect(global.some((r) => r.id === id)).toBe(false);
    for (let i = 1; i < global.length; i++) expect(global[i - 1].score).toBeGreaterThanOrEqual(global[i].score);
    expect(global[0].shared_genres.length + global[0].shared_keywords.length).toBeGreaterThan(0);

    const [mine] = await all<{ cluster: number }>(db, sql`SELECT cluster FROM clusters WHERE movie_id = ${id} AND model = ${registry.default_model}`);
    const inCluster = await similarMoviesSql(db, id, { scope: 'cluster', model: registry.default_model, limit: 50 });
    if (mine.cluster < 0) expect(inCluster).toEqual([]);
    else {
      const members = await all<{ movie_id: number }>(
        db,
        sql`SELECT movie_id FROM clusters WHERE model = ${registry.default_model} AND cluster = ${mine.cluster} AND movie_id <> ${id}`
      );
      expect(inCluster.map((r) => r.id).sort((a, b) => a - b)).toEqual(members.map((m) => m.movie_id).sort((a, b) => a - b).slice(0, 50));
      expect(inCluster.every((r) => r.same_cluster)).toBe(true);
    }
    // An unknown movie or model gives nothing rather than an error.
    expect(await similarMoviesSql(db, 999_999_999, { scope: 'global', model: null })).toEqual([]);
    expect(await similarMoviesSql(db, id, { scope: 'cluster', model: 'no-such-model' })).toEqual([]);
  });

  it('treats hostile text as a value', async () => {
    const evil = "'; DROP TABLE movies; --";
    expect(await coCredits(db, { name: evil })).toEqual([]);
    expect(await clusterNamesFor(db, [1], evil)).toEqual([]);
    expect(await countMovies(db)).toBe(214);
  });

  it('co-credits feed collaborator pairs and genre specialisation', async () => {
    const [top] = await all<{ person: string }>(
      db,
      sql`SELECT person FROM people WHERE role = 'director' GROUP BY person ORDER BY count(*) DESC, person LIMIT 1`
    );
    const credits = await coCredits(db, { name: top.person });
    const films = await personFilmography(db, { name: top.person });
    expect(new Set(credits.map((c) => c.movie_id))).toEqual(new Set(films.map((f) => f.id)));
    const pairs = collaboratorPairs({ name: top.person, id: null }, credits, { role: 'director' });
    expect(pairs.actors.length).toBeGreaterThan(0);
    expect(pairs.actors.every((a) => a.role === 'cast' && a.person !== top.person)).toBe(true);
    const base = await genreBaseline(db);
    expect(base.total).toBe(214);
    const shares = genreSpecialisation(films, base);
    expect(shares[0].share).toBeGreaterThan(0);
    expect(shares.every((s) => s.baseline !== null && s.lift !== null)).toBe(true);
  });
});
