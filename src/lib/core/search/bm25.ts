/**
 * Field-weighted BM25 (BM25F, Robertson & Zaragoza 2009): a term's frequency is summed over
 * fields, each field count weighted and normalised by that field's length, then saturated
 * once with k1. That per-(movie, term) value does not depend on the query, so it is computed
 * at build time and a query is a plain sum over posting lists.
 *
 * Postings are CSR typed arrays (term → movies, sorted by movie index), so an index is cheap
 * to build at load (measured: build-scripts/bench/search-bench.ts) and its snapshot is
 * structured-clonable for a web worker.
 */
import type { SearchMovie } from './types';
import { fold, tokenize, type Stemming } from './tokenize';

export const FIELDS = ['title', 'original_title', 'tagline', 'overview', 'keywords', 'genres', 'people', 'collection'] as const;
export type Field = (typeof FIELDS)[number];

export interface FieldParams {
  weight: number;
  /** Length normalisation, 0 (none) … 1 (full). */
  b: number;
}

export interface Bm25Params {
  k1: number;
  fields: Record<Field, FieldParams>;
  stem: Stemming;
}

/**
 * Weights chosen on tests/eval (RESULTS.md): titles and names are short and precise, so a
 * match there says more than one in a 60-word overview; keywords are curated topics.
 */
export const DEFAULT_BM25: Bm25Params = {
  k1: 1.2,
  stem: 's',
  fields: {
    title: { weight: 3, b: 0.5 },
    original_title: { weight: 1.5, b: 0.5 },
    tagline: { weight: 1, b: 0.75 },
    overview: { weight: 1, b: 0.75 },
    keywords: { weight: 2, b: 0.5 },
    genres: { weight: 1, b: 0.3 },
    people: { weight: 2.5, b: 0.3 },
    collection: { weight: 1.5, b: 0.5 }
  }
};

export type Bm25Doc = { id: number; fields: Partial<Record<Field, string>> };

/** The indexed text of a movie; `people` may add names from people.parquet beyond movie.cast. */
export function movieDoc(m: SearchMovie, people: readonly string[] = []): Bm25Doc {
  const orig = m.original_title && fold(m.original_title) !== fold(m.title) ? m.original_title : '';
  const names = [...new Set([...m.directors, ...m.cast, ...people])];
  return {
    id: m.id,
    fields: {
      title: m.title,
      original_title: orig,
      tagline: m.tagline ?? '',
      overview: m.overview,
      keywords: m.keywords.join(' ; '),
      genres: m.genres.join(' ; '),
      people: names.join(' ; '),
      collection: (m.collection ?? '').replace(/\s+collection$/i, '')
    }
  };
}

export interface QueryTerm {
  term: string;
  /** Multiplies the term's contribution (context down-weighting); 1 by default. */
  weight: number;
}

export interface LexicalHit {
  /** Movie index in the index's id order. */
  index: number;
  id: number;
  score: number;
}

/** Plain typed arrays: postMessage-able and JSON-able after Array.from. */
export interface Bm25Snapshot {
  version: 1;
  params: Bm25Params;
  ids: number[];
  terms: string[];
  termStart: Int32Array;
  docs: Int32Array;
  tf: Float32Array;
  mask: Uint16Array;
}

export class Bm25Index {
  private readonly termIndex: Map<string, number>;
  private readonly idIndex: Map<number, number>;

  private constructor(private readonly s: Bm25Snapshot) {
    this.termIndex = new Map(s.terms.map((t, i) => [t, i]));
    this.idIndex = new Map(s.ids.map((id, i) => [id, i]));
  }

  get params(): Bm25Params {
    return this.s.params;
  }
  get size(): number {
    return this.s.ids.length;
  }
  get ids(): readonly number[] {
    return this.s.ids;
  }
  indexOf(id: number): number | undefined {
    return this.idIndex.get(id);
  }
  snapshot(): Bm25Snapshot {
    return this.s;
  }
  static fromSnapshot(s: Bm25Snapshot): Bm25Index {
    if (s.version !== 1) throw new Error(`bm25: snapshot version ${s.version}`);
    return new Bm25Index(s);
  }

  static build(docs: readonly Bm25Doc[], params: Bm25Params = DEFAULT_BM25): Bm25Index {
    const nf = FIELDS.length;
    const terms: string[] = [];
    const termIndex = new Map<string, number>();
    const lengths = FIELDS.map(() => new Float32Array(docs.length));
    // One entry per (movie, term): its raw count in every field.
    const eDoc: number[] = [];
    const eTerm: number[] = [];
    const eCounts: number[] = [];
    docs.forEach((doc, d) => {
      const local = new Map<number, number>();
      FIELDS.forEach((f, fi) => {
        const toks = tokenize(doc.fields[f] ?? '', { stem: params.stem });
        lengths[fi][d] = toks.length;
        for (const t of toks) {
          let ti = termIndex.get(t);
          if (ti === undefined) termIndex.set(t, (ti = terms.push(t) - 1));
          let e = local.get(ti);
          if (e === undefined) {
            local.set(ti, (e = eDoc.length));
            eDoc.push(d);
            eTerm.push(ti);
            for (let k = 0; k < nf; k++) eCounts.push(0);
          }
          eCounts[e * nf + fi]++;
        }
      });
    });
    const avg = lengths.map((l) => l.reduce((a, b) => a + b, 0) / Math.max(1, docs.length) || 1);
    const fp = FIELDS.map((f) => params.fields[f]);

    const termStart = new Int32Array(terms.length + 1);
    for (const t of eTerm) termStart[t + 1]++;
    for (let t = 0; t < terms.length; t++) termStart[t + 1] += termStart[t];
    const fill = termStart.slice(0, terms.length);
    const n = eDoc.length;
    const post = new Int32Array(n);
    const tf = new Float32Array(n);
    const mask = new Uint16Array(n);
    for (let e = 0; e < n; e++) {
      const d = eDoc[e];
      let w = 0;
      let m = 0;
      for (let fi = 0; fi < nf; fi++) {
        const c = eCounts[e * nf + fi];
        if (!c) continue;
        m |= 1 << fi;
        w += (fp[fi].weight * c) / (1 - fp[fi].b + (fp[fi].b * lengths[fi][d]) / avg[fi]);
      }
      const at = fill[eTerm[e]]++;
      post[at] = d;
      tf[at] = w;
      mask[at] = m;
    }
    return new Bm25Index({ version: 1, params, ids: docs.map((d) => d.id), terms, termStart, docs: post, tf, mask });
  }

  /** Inverse document frequency (BM25's, floored at 0 by the +1). */
  idf(term: string): number {
    const t = this.termIndex.get(term);
    if (t === undefined) return 0;
    const df = this.s.termStart[t + 1] - this.s.termStart[t];
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Top k movies for the query terms (duplicates merged), best first; ties by index. */
  search(query: readonly QueryTerm[], k: number, accept?: (index: number) => boolean): LexicalHit[] {
    const { termStart, docs, tf } = this.s;
    const k1 = this.s.params.k1;
    const scores = new Float32Array(this.size);
    const touched: number[] = [];
    for (const { term, weight } of mergeTerms(query)) {
      const t = this.termIndex.get(term);
      if (t === undefined || weight <= 0) continue;
      const w = this.idf(term) * weight * (k1 + 1);
      for (let p = termStart[t]; p < termStart[t + 1]; p++) {
        const d = docs[p];
        if (scores[d] === 0) touched.push(d);
        scores[d] += (w * tf[p]) / (k1 + tf[p]);
      }
    }
    const hits: LexicalHit[] = [];
    for (const d of touched) if (!accept || accept(d)) hits.push({ index: d, id: this.s.ids[d], score: scores[d] });
    hits.sort((a, b) => b.score - a.score || a.index - b.index);
    return hits.slice(0, k);
  }

  /** Which query terms occur in movie `index`, and in which fields (for explanations). */
  matches(index: number, terms: readonly string[]): { terms: string[]; fields: Field[] } {
    const { termStart, docs, mask } = this.s;
    const found: string[] = [];
    let m = 0;
    for (const term of new Set(terms)) {
      const t = this.termIndex.get(term);
      if (t === undefined) continue;
      let lo = termStart[t];
      let hi = termStart[t + 1] - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (docs[mid] === index) {
          found.push(term);
          m |= mask[mid];
          break;
        }
        if (docs[mid] < index) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return { terms: found, fields: FIELDS.filter((_, fi) => m & (1 << fi)) };
  }
}

/** One entry per term; a repeated term keeps its largest weight (a term counts once). */
function mergeTerms(query: readonly QueryTerm[]): QueryTerm[] {
  const by = new Map<string, number>();
  for (const q of query) by.set(q.term, Math.max(by.get(q.term) ?? 0, q.weight));
  return [...by].map(([term, weight]) => ({ term, weight }));
}
