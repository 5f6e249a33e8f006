import { describe, expect, it } from 'vitest';
import { parseGenreState, parseMapState } from '../../../src/lib/site/atlas-url';
import { parsePersonParams } from '../../../src/lib/site/explore-people';
import { clusterInModel, microGenreRows } from '../../../src/lib/site/movie-genres';
import { mapQuery, parseMovieId, personQuery } from '../../../src/lib/site/movie-url';

const MODELS = [
  { id: 'kmeans', label: 'K-Means' },
  { id: 'hdbscan', label: 'HDBSCAN' },
  { id: 'gmm', label: 'GMM' },
  { id: 'ward', label: 'Ward' }
];
const detail = (model: string, cluster: number, name: string | null = `Name ${cluster}`) => ({
  model, cluster, probability: 0.8, name, keywords: ['heist', 'crew', 'vault', 'bank', 'getaway', 'extra'], size: 12
});

describe('micro-genre rows of a movie', () => {
  const rows = microGenreRows(MODELS, [detail('ward', 3), detail('hdbscan', -1, null), detail('kmeans', 7, null)]);

  it('one row per registry model, in registry order, each linking to the genre page', () => {
    expect(rows.map((r) => r.model)).toEqual(['kmeans', 'hdbscan', 'gmm', 'ward']);
    const ward = rows[3];
    expect(ward.name).toBe('Name 3');
    expect(ward.keywords).toEqual(['heist', 'crew', 'vault', 'bank', 'getaway']);
    // The link is what the genre page reads back.
    const back = parseGenreState(new URLSearchParams(ward.genreQuery!.slice(1)));
    expect(back.model).toBe('ward');
    expect(back.cluster).toBe(3);
  });

  it('noise is noise, an unlabelled cluster gets its number, a missing model says so', () => {
    const hdb = rows[1];
    expect(hdb.noise).toBe(true);
    expect(hdb.name).toMatch(/^Noise/);
    expect(hdb.keywords).toEqual([]);
    expect(parseGenreState(new URLSearchParams(hdb.genreQuery!.slice(1))).cluster).toBe(-1);
    expect(rows[0].name).toBe('Cluster 7');
    expect(rows[2]).toMatchObject({ cluster: null, name: 'Not assigned', genreQuery: null });
  });

  it('the default model cluster is null for noise and unassigned', () => {
    expect(clusterInModel(rows, 'ward')).toBe(3);
    expect(clusterInModel(rows, 'hdbscan')).toBeNull();
    expect(clusterInModel(rows, 'gmm')).toBeNull();
    expect(clusterInModel(rows, null)).toBeNull();
  });
});

describe('movie page URLs', () => {
  it('reads ?id= strictly', () => {
    expect(parseMovieId(new URLSearchParams('id=19995'))).toBe(19995);
    expect(parseMovieId(new URLSearchParams('id= 42 '))).toBe(42);
    for (const bad of ['', 'id=', 'id=0', 'id=-3', 'id=1.5', 'id=abc', 'id=1e3', 'id=99999999999999999999'])
      expect(parseMovieId(new URLSearchParams(bad))).toBeNull();
  });

  it('the map link highlights and selects the movie', () => {
    const s = parseMapState(new URLSearchParams(mapQuery(603).slice(1)));
    expect(s.highlight).toEqual([603]);
    expect(s.focus).toBe(603);
  });

  it('person links carry the name (or the TMDB id when there is one) and read back', () => {
    const q = personQuery({ person: 'Zoë Kravitz & Co', person_id: null });
    expect(parsePersonParams(new URLSearchParams(q.slice(1)))).toEqual({ who: { name: 'Zoë Kravitz & Co' }, role: null });
    expect(parsePersonParams(new URLSearchParams(personQuery({ person: 'X', person_id: 31 }).slice(1)))).toEqual({ who: { id: 31 }, role: null });
  });
});
