/**
 * The person page's data on the sample catalogue (ingest only: people need no clusters), run
 * by the same DuckDB-WASM as the browser: name lookup, the not-found answer, and the profile
 * (counts, specialisation, collaborators) checked against SQL written independently here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { loadArtifacts } from '../../../src/lib/db/client';
import type { DbEngine } from '../../../src/lib/db/engine';
import { fetchFromDir, openNodeEngine } from '../../../src/lib/db/node';
import { all, countMovies } from '../../../src/lib/db/queries';
import { findPeople } from '../../../src/lib/db/queries-person';
import { sql } from '../../../src/lib/db/sql';
import { loadPerson } from '../../../src/lib/site/person-load';
import { personProfile } from '../../../src/lib/site/person-profile';

describe('person page queries on the sample catalogue', () => {
  let out: string;
  let db: DbEngine;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'cineatlas-person-'));
    await runBuild({ sources: [], out, progress: silentProgress() });
    db = await openNodeEngine();
    await loadArtifacts(db, { dataUrl: (f) => `/cineatlas/data/${f}`, fetch: fetchFromDir(out) });
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const topDirector = async () =>
    (await all<{ person: string; n: number }>(
      db,
      sql`SELECT person, count(DISTINCT movie_id) AS n FROM people WHERE role = 'director' GROUP BY person ORDER BY n DESC, person LIMIT 1`
    ))[0];

  it('finds people by part of the name, ignoring case and accents, the exact name first', async () => {
    const d = await topDirector();
    const [exact] = await findPeople(db, d.person.toUpperCase());
    expect(exact).toMatchObject({ person: d.person, movies: d.n });
    expect(exact.roles).toContain('director');
    const last = d.person.split(' ').at(-1)!.toLowerCase();
    const hits = await findPeople(db, last, 50);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.person.toLowerCase().includes(last))).toBe(true);
    expect(await findPeople(db, '   ')).toEqual([]);
  });

  it('loads a person by exact name, and a differently cased name resolves to them', async () => {
    const d = await topDirector();
    const a = await loadPerson(db, { name: d.person });
    expect(a.found).toBe(true);
    if (!a.found) return;
    expect(new Set(a.data.films.map((f) => f.id)).size).toBe(d.n);
    expect(a.data.baseline?.total).toBe(214);
    const b = await loadPerson(db, { name: `  ${d.person.toLowerCase()} ` });
    expect(b.found && b.data.key.name).toBe(d.person);
  });

  it('an unknown name is not found, with close names to suggest', async () => {
    const d = await topDirector();
    const r = await loadPerson(db, { name: `${d.person} Junior` });
    expect(r.found).toBe(false);
    const none = await loadPerson(db, { name: 'Nobody Atall Xyzzy' });
    expect(none).toEqual({ found: false, asked: 'Nobody Atall Xyzzy', suggestions: [] });
    const partial = await loadPerson(db, { name: d.person.split(' ')[0] });
    expect(partial.found).toBe(false);
    if (!partial.found) expect(partial.suggestions.map((s) => s.person)).toContain(d.person);
  });

  it('the profile of a real director matches SQL counts: movies, actors and their shared movies', async () => {
    const d = await topDirector();
    const r = await loadPerson(db, { name: d.person });
    if (!r.found) throw new Error('not found');
    const p = personProfile(r.data.key, r.data.films, r.data.credits, r.data.baseline)!;
    expect(p.stats.movies).toBe(d.n);
    expect(p.timeline.marks.length + p.timeline.undated).toBe(d.n);
    const expected = await all<{ person: string; n: number }>(
      db,
      sql`SELECT a.person, count(DISTINCT a.movie_id) AS n FROM people a
          JOIN people me ON me.movie_id = a.movie_id AND me.person = ${d.person} AND me.role = 'director'
          WHERE a.role = 'cast' AND a.person <> ${d.person}
          GROUP BY a.person ORDER BY n DESC, a.person LIMIT 10`
    );
    const actors = p.collaborators.find((g) => g.role === 'cast')!;
    expect(actors.people.map((c) => [c.person, c.movies])).toEqual(expected.map((e) => [e.person, e.n]));
    const [{ drama }] = await all<{ drama: number }>(
      db,
      sql`SELECT count(DISTINCT p.movie_id) AS drama FROM people p JOIN movies m ON m.id = p.movie_id
          WHERE p.person = ${d.person} AND list_contains(m.genres, 'Drama')`
    );
    expect(p.shares.find((s) => s.genre === 'Drama')?.movies ?? 0).toBe(drama);
  });

  it('treats hostile text as a value', async () => {
    const evil = "'; DROP TABLE people; --";
    expect(await findPeople(db, evil)).toEqual([]);
    expect((await loadPerson(db, { name: evil })).found).toBe(false);
    expect(await countMovies(db)).toBe(214);
  });
});
