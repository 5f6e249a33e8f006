/**
 * `npm run search -- "text"`: top 10 with explanations, ranked by the same core the site uses
 * (src/lib/core/search) over a build's artifacts with the build's model.
 * `npm run search -- --in queries.jsonl --out results.jsonl --k 100`: batch mode.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchFilters } from '../../src/lib/core/search/filters';
import { SearchEngine, type SearchResponse } from '../../src/lib/core/search/rank';
import type { SearchMode, SearchResult } from '../../src/lib/core/search/types';
import { ModelError, EMBED_DTYPES, type EmbedDtype } from '../embed/resolve-model';
import { PROJECT_ROOT } from '../paths';
import { loadArtifacts, type Artifacts } from './load-artifacts';
import { loadNodeTextEmbedder, type NodeTextEmbedder } from './node-embedder';

const USAGE = `Usage: npm run search -- "query text" [options]
       npm run search -- --in queries.jsonl --out results.jsonl [--k 100] [options]
       npm run search -- --similar <movie id> [--scope global|cluster]

Options:
  --data <dir>         build output folder (default: out/)
  --model <id|dir>     embedding model, as in the build (default Xenova/all-MiniLM-L6-v2)
  --dtype <fp32|q8>    model weights (default fp32)
  --vectors <f32|i8>   movie vectors: embeddings.parquet (default) or the browser's int8 file
  --mode <m>           hybrid (default) | lexical | semantic
  --k <n>              results per query (default 10)
  --like <id|title>    "like this movie but <query>" (also recognised in the text: "like X but Y")
  --year <a-b>  --runtime <a-b>  --rating-min <x>  --votes-min <n>
  --genre <g>          repeatable (any of)    --lang <code>  repeatable
  --cluster <n>        micro-genre id, repeatable; --cluster-model <id> (default: models.json's)
  --json               print the full response as JSON
  -h, --help

Batch input lines: {"id": ..., "query": ..., ["like": movie id]}; output lines:
{"id": ..., "results": [{"movie_id": ..., "score": ...}]}.
Exit codes: 0 ok, 2 usage, 3 internal error, 4 embedding model unavailable.`;

class UsageError extends Error {}

const OPTIONS = {
  allowPositionals: true,
  options: {
    data: { type: 'string', default: resolve(PROJECT_ROOT, 'out') },
    model: { type: 'string' },
    dtype: { type: 'string', default: 'fp32' },
    vectors: { type: 'string', default: 'f32' },
    mode: { type: 'string', default: 'hybrid' },
    k: { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
    like: { type: 'string' },
    similar: { type: 'string' },
    scope: { type: 'string', default: 'global' },
    year: { type: 'string' },
    runtime: { type: 'string' },
    'rating-min': { type: 'string' },
    'votes-min': { type: 'string' },
    genre: { type: 'string', multiple: true },
    lang: { type: 'string', multiple: true },
    cluster: { type: 'string', multiple: true },
    'cluster-model': { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
  }
} as const;

function parse() {
  try {
    return parseArgs(OPTIONS);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
let a: ReturnType<typeof parse>['values'];
let positionals: string[];

function num(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} expects a number, got "${v}"`);
  return n;
}

function range(name: string, v: string | undefined): [number | undefined, number | undefined] {
  if (v === undefined) return [undefined, undefined];
  const m = /^(\d*\.?\d*)\s*-\s*(\d*\.?\d*)$/.exec(v) ?? /^(\d+\.?\d*)()$/.exec(v);
  if (!m) throw new UsageError(`--${name} expects a-b (either end may be empty), got "${v}"`);
  const lo = m[1] ? Number(m[1]) : undefined;
  return [lo, m[2] ? Number(m[2]) : /-/.test(v) ? undefined : lo];
}

function filtersFromArgs(): SearchFilters | undefined {
  const [yearMin, yearMax] = range('year', a.year);
  const [runtimeMin, runtimeMax] = range('runtime', a.runtime);
  const f: SearchFilters = {
    yearMin, yearMax, runtimeMin, runtimeMax,
    ratingMin: num('rating-min', a['rating-min']),
    votesMin: num('votes-min', a['votes-min']),
    genres: a.genre, languages: a.lang,
    clusters: a.cluster?.map((c) => num('cluster', c)!)
  };
  const set = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
  return Object.keys(set).length ? (set as SearchFilters) : undefined;
}

function describe(art: Artifacts, r: SearchResult, i: number): string {
  const m = art.movies.find((x) => x.id === r.id)!;
  const e = r.explanation;
  const why = [
    e.matchedTerms.length ? `terms ${e.matchedTerms.join(', ')} in ${e.fields.join('/')}` : '',
    e.similarity !== null ? `cos ${e.similarity.toFixed(3)}` : '',
    `ranks lex ${e.lexicalRank ?? '-'} sem ${e.semanticRank ?? '-'}`,
    e.cluster ? `micro-genre ${e.cluster.id}${e.cluster.name ? ` "${e.cluster.name}"` : ''}` : ''
  ].filter(Boolean);
  return `${String(i + 1).padStart(2)}. ${m.title} (${m.year ?? '?'}) [${m.id}]  ${r.score.toFixed(4)}\n      ${why.join('; ')}`;
}

async function main(): Promise<number> {
  ({ values: a, positionals } = parse());
  if (a.help) {
    console.log(USAGE);
    return 0;
  }
  const mode = a.mode as SearchMode;
  if (!['hybrid', 'lexical', 'semantic'].includes(mode)) throw new UsageError(`--mode: hybrid, lexical or semantic, not "${a.mode}"`);
  if (!EMBED_DTYPES.includes(a.dtype as EmbedDtype)) throw new UsageError(`--dtype: ${EMBED_DTYPES.join(' or ')}`);
  if (a.vectors !== 'f32' && a.vectors !== 'i8') throw new UsageError('--vectors: f32 or i8');
  const batch = a.in !== undefined;
  if (batch !== (a.out !== undefined)) throw new UsageError('--in and --out go together');
  const query = positionals.join(' ');
  if (!batch && !query && a.similar === undefined && !filtersFromArgs()) throw new UsageError('no query (see --help)');
  const k = num('k', a.k) ?? (batch ? 100 : 10);
  const filters = filtersFromArgs();

  const art = await loadArtifacts(resolve(a.data!), { vectors: a.vectors, clusterModel: a['cluster-model'] });
  let embedder: NodeTextEmbedder | null = null;
  if (art.vectors && mode !== 'lexical') embedder = await loadNodeTextEmbedder({ model: a.model ?? art.model?.ref, dtype: a.dtype as EmbedDtype });
  else if (!art.vectors) console.error(`note: ${art.dir} has no embeddings; lexical ranking only`);
  if (embedder && art.model?.sha256 && embedder.info.sha256 !== art.model.sha256)
    console.error(`warning: model ${embedder.info.dir} differs from the one that embedded the movies (sha256 ${art.model.sha256.slice(0, 12)}…)`);
  const engine = new SearchEngine({
    movies: art.movies, people: art.people, embedder: embedder ?? undefined, vectors: art.vectors ?? undefined,
    store: art.vectors ?? undefined, countPieces: embedder?.countPieces, clusters: art.clusters ?? undefined
  });
  const likeId = a.like === undefined ? undefined : /^\d+$/.test(a.like) ? Number(a.like) : engine.resolveTitle(a.like)?.id;
  if (a.like !== undefined && likeId === undefined) throw new UsageError(`--like: no movie titled "${a.like}"`);

  try {
    if (batch) {
      const out: string[] = [];
      for await (const line of createInterface({ input: createReadStream(a.in!) })) {
        if (!line.trim()) continue;
        const q = JSON.parse(line) as { id: unknown; query: string; like?: number };
        const r = await engine.search(q.query, { k, mode, filters, likeMovieId: q.like ?? likeId });
        out.push(JSON.stringify({ id: q.id, results: r.results.map((x) => ({ movie_id: x.id, score: x.score })) }));
      }
      writeFileSync(a.out!, out.join('\n') + (out.length ? '\n' : ''));
      console.error(`${out.length} queries → ${a.out}`);
      return 0;
    }
    if (a.similar !== undefined) {
      const id = num('similar', a.similar)!;
      if (!engine.movie(id)) throw new UsageError(`--similar: no movie with id ${id} in ${art.dir}`);
      const results = await engine.similar(id, { k, scope: a.scope as 'global' | 'cluster', filters });
      console.log(`More like ${engine.movie(id)?.title ?? id} (${a.scope}):`);
      results.forEach((r, i) => console.log(describe(art, r, i)));
      return 0;
    }
    const r: SearchResponse = await engine.search(query, { k, mode, filters, likeMovieId: likeId });
    if (a.json) {
      console.log(JSON.stringify(r, null, 2));
      return 0;
    }
    console.log(`${r.mode}${r.like ? `, like "${r.like.title}" but "${r.text}"` : ''}; ${r.chunks.length} chunk(s); ` +
      `embed ${r.timings.embed.toFixed(0)} ms, vectors ${r.timings.vector.toFixed(0)} ms, lexical ${r.timings.lexical.toFixed(1)} ms, total ${r.timings.total.toFixed(0)} ms`);
    r.results.forEach((x, i) => console.log(describe(art, x, i)));
    if (!r.results.length) console.log('(no results)');
    return 0;
  } finally {
    await embedder?.dispose();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (e instanceof ModelError) {
      console.error(e.message);
      process.exit(4);
    }
    console.error(e);
    process.exit(3);
  }
);
