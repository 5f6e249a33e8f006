/**
 * The movie page's data on a full sample build (tiny test model, so clusters exist), run by
 * the same DuckDB-WASM as the browser: cards in neighbour order, the record with its people,
 * and the micro-genre rows against clusters.parquet.
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
import { all, countMovies, movieById } from '../../../src/lib/db/queries';
import { movieClusterDetails } from '../../../src/lib/db/queries-explore';
import { movieCards } from '../../../src/lib/db/queries-movie';
import { sql } from '../../../src/lib/db/sql';
import { moneyFacts } from '../../../src/lib/site/movie-money';
import { microGenreRows } from '../../../src/lib/site/movie-genres';
import { TINY_MODEL } from '../embed/helpers';

describe('movie page queries on the sample build', () => {
  let out: string;
  let db: DbEngine;
  let registry: Registry;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cineatlas-movie-'));
    await runBuild({ sources: [], out, progress: silentProgress(), embed: { model: TINY_MODEL, dtype: 'fp32' }, clusters: { seed: 1 } });
    registry = JSON.parse(readFileSync(join(out, 'models.json'), 'utf8')) as Registry;
    db = await openNodeEngine();
    await loadArtifacts(db, { dataUrl: (f) => `/cineatlas/data/${f}`, fetch: fetchFromDir(out) });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('cards come back in the order asked, without unknown or repeated ids', async () => {
    const ids = (await all<{ id: number }>(db, sql`SELECT id FROM movies ORDER BY title DESC LIMIT 5`)).map((r) => r.id);
    const asked = [ids[3], 999_999_999, ids[0], ids[3], ids[4]];
    const cards = await movieCards(db, asked);
    expect(cards.map((c) => c.id)).toEqual([ids[3], ids[0], ids[4]]);
    const [ref] = await all<{ title: string; genres: string[] }>(db, sql`SELECT title, genres FROM movies WHERE id = ${ids[0]}`);
    expect(cards[1].title).toBe(ref.title);
    expect(cards[1].genres).toEqual(ref.genres);
    expect(await movieCards(db, [])).toEqual([]);
  });

  it('with a cluster, only its members (by their own cluster id, never noise) are kept', async () => {
    const [c] = await all<{ model: string; cluster: number }>(
      db,
      sql`SELECT model, cluster FROM clusters WHERE cluster >= 0 GROUP BY ALL HAVING count(*) >= 3 ORDER BY model, cluster LIMIT 1`
    );
    const members = (await all<{ movie_id: number }>(db, sql`SELECT movie_id FROM clusters WHERE model = ${c.model} AND cluster = ${c.cluster} ORDER BY movie_id`)).map((r) => r.movie_id);
    const others = (await all<{ movie_id: number }>(db, sql`SELECT movie_id FROM clusters WHERE model = ${c.model} AND cluster <> ${c.cluster} ORDER BY movie_id LIMIT 3`)).map((r) => r.movie_id);
    const asked = [others[0], members[2], others[1], members[0], others[2]];
    expect((await movieCards(db, asked, c)).map((r) => r.id)).toEqual([members[2], members[0]]);
    expect(await movieCards(db, members, { model: c.model, cluster: -99 })).toEqual([]);
  });

  it('a movie with its people in billing order', async () => {
    const [{ movie_id }] = await all<{ movie_id: number }>(
      db,
      sql`SELECT movie_id FROM people WHERE role = 'cast' GROUP BY movie_id ORDER BY count(*) DESC, movie_id LIMIT 1`
    );
    const m = (await movieById(db, movie_id))!;
    const cast = await all<{ person: string }>(db, sql`SELECT person FROM people WHERE movie_id = ${movie_id} AND role = 'cast' ORDER BY billing_order`);
    expect(m.credits.cast.map((c) => c.person)).toEqual(cast.map((c) => c.person));
    expect(m.credits.directors.length).toBeGreaterThan(0);
    expect(await movieById(db, 999_999_999)).toBeNull();
  });

  it('money: a movie without a budget in the Parquet shows unknown, one with both shows the ROI', async () => {
    const [noBudget] = await all<{ id: number }>(db, sql`SELECT id FROM movies WHERE budget IS NULL OR budget = 0 ORDER BY id LIMIT 1`);
    const a = (await movieById(db, noBudget.id))!;
    expect(moneyFacts(a.budget, a.revenue).find((f) => f.key === 'roi')!.value).toBe('unknown');
    const [both] = await all<{ id: number; budget: number; revenue: number }>(
      db,
      sql`SELECT id, budget, revenue FROM movies WHERE budget > 0 AND revenue > 0 ORDER BY id LIMIT 1`
    );
    const b = (await movieById(db, both.id))!;
    const roi = moneyFacts(b.budget, b.revenue).find((f) => f.key === 'roi')!;
    expect(roi.known).toBe(true);
    const pct = Math.round(((both.revenue - both.budget) / both.budget) * 100);
    expect(roi.value).toBe(`${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct).toLocaleString('en-US')} %`);
  });

  it('micro-genre rows match clusters.parquet for every model, noise included', async () => {
    const models = registry.models.map((m) => ({ id: m.id, label: m.algorithm }));
    // A movie that is noise somewhere, if the build has one, else the first movie.
    const [pick] = await all<{ id: number }>(db, sql`SELECT coalesce(min(movie_id) FILTER (WHERE cluster < 0), min(movie_id)) AS id FROM clusters`);
    const rows = microGenreRows(models, await movieClusterDetails(db, pick.id));
    const truth = await all<{ model: string; cluster: number; name: string | null }>(
      db,
      sql`SELECT c.model, c.cluster, meta.name FROM clusters c
          LEFT JOIN clusters_meta meta ON meta.model = c.model AND meta.level = 'micro' AND meta.cluster = c.cluster
          WHERE c.movie_id = ${pick.id}`
    );
    expect(rows.map((r) => r.model)).toEqual(models.map((m) => m.id));
    for (const t of truth) {
      const r = rows.find((x) => x.model === t.model)!;
      expect(r.cluster).toBe(t.cluster);
      expect(r.noise).toBe(t.cluster < 0);
      if (t.cluster >= 0) expect(r.name).toBe(t.name ?? `Cluster ${t.cluster}`);
      expect(r.genreQuery).toBe(`?model=${t.model}&cluster=${t.cluster}`);
    }
  });

  it('treats hostile ids as values', async () => {
    expect(await movieCards(db, [Number.NaN, 1.5, -0])).toEqual([]);
    expect(await countMovies(db)).toBe(214);
  });
});
