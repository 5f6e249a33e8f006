import { delimiter, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_PROMOTION } from './cluster/registry';
import { EMBED_DTYPES, ModelError, type EmbedDtype } from './embed/resolve-model';
import { CatalogueFileError } from './ingest/issues';
import { DEFAULT_SOURCE, PROJECT_ROOT } from './paths';
import { runBuild } from './pipeline';
import { formatValidationSummary } from './report/console-summary';
import { createProgress, formatCount, formatDuration } from './report/progress';

/**
 * Command line: argument parsing, progress, summary and exit codes only. The work is in
 * pipeline.ts. Exit codes: 0 ok, 1 a catalogue file is unusable, 2 usage error,
 * 3 unexpected internal error.
 */

export const EXIT = { ok: 0, catalogue: 1, usage: 2, internal: 3, model: 4 } as const;

const defaultSource = relative(PROJECT_ROOT, DEFAULT_SOURCE);

export const USAGE = `Usage: npm run build:data -- [options]
       npx tsx build-scripts/cli.ts build [options]

Builds the CineAtlas data artifacts from movie catalogue files.

Options:
  --source <file|dir>  a catalogue file (CSV, JSON array or JSON Lines), or a folder whose
                       .csv/.tsv/.json/.jsonl files are all read; repeatable.
                       Default: $CINEATLAS_SOURCE, else ${defaultSource}
  --people <file>      a people/credits file joined to the movies by id; repeatable
  --mapping <file>     column mapping for a catalogue with its own column names
  --out <dir>          output folder (default: out/)
  --model <id|dir>     embedding model: a Hugging Face id (default Xenova/all-MiniLM-L6-v2,
                       downloaded once into .cache/models/) or a local folder in
                       transformers.js layout (e.g. one made by npm run model:provision)
  --dtype <fp32|q8>    model weights (default fp32)
  --seed <n>           seed for UMAP and the clusterers (default 42)
  --diversity <0..1>   MMR diversity of cluster keywords (default 0.7)
  --promote-min-silhouette <x>
                       registry rule: a model with silhouette ≥ x is "production" (default ${DEFAULT_PROMOTION.min})
  --no-embed           stop after movies.parquet and people.parquet
  --no-clusters        stop after the embeddings
  -h, --help           show this help

Environment:
  CINEATLAS_SOURCE     source file(s) or folder(s) used when no --source is given
                       (several separated by '${delimiter}')

Writes to <dir>: movies.parquet, people.parquet, validation.json, embeddings.parquet,
embeddings.i8.bin, layout.parquet, clusters.parquet, clusters_meta.parquet, models.json,
manifest.json

Exit codes: 0 ok, 1 a catalogue file is unusable (missing, empty, binary, wrong
columns), 2 usage error, 3 unexpected internal error, 4 embedding model unavailable.
`;

export class UsageError extends Error {}

interface BuildArgs {
  sources: string[];
  people: string[];
  mapping?: string;
  out: string;
  embed?: { model?: string; dtype?: EmbedDtype };
  clusters?: { seed?: number; diversity?: number; promotion: { metric: 'silhouette'; min: number } };
}

function numberArg(name: string, v: string | undefined, ok: (n: number) => boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !ok(n)) throw new UsageError(`${name} got "${v}", which is out of range`);
  return n;
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): { help: true } | { help: false; command: 'build'; args: BuildArgs } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        source: { type: 'string', multiple: true },
        people: { type: 'string', multiple: true },
        mapping: { type: 'string' },
        out: { type: 'string' },
        model: { type: 'string' },
        dtype: { type: 'string' },
        seed: { type: 'string' },
        diversity: { type: 'string' },
        'promote-min-silhouette': { type: 'string' },
        'no-embed': { type: 'boolean' },
        'no-clusters': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { help: true };
  if (positionals.length === 0) throw new UsageError('missing command (expected "build")');
  if (positionals[0] !== 'build') throw new UsageError(`unknown command "${positionals[0]}" (expected "build")`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}" (give files with --source)`);
  const fromEnv = (env.CINEATLAS_SOURCE ?? '').split(delimiter).filter((s) => s.trim() !== '');
  for (const [name, v] of [['--out', values.out], ['--mapping', values.mapping]] as const)
    if (v !== undefined && v.trim() === '') throw new UsageError(`${name} needs a value`);
  if (values.dtype !== undefined && !EMBED_DTYPES.includes(values.dtype as EmbedDtype))
    throw new UsageError(`--dtype must be one of ${EMBED_DTYPES.join(', ')}`);
  const seed = numberArg('--seed', values.seed, Number.isSafeInteger);
  const diversity = numberArg('--diversity', values.diversity, (n) => n >= 0 && n <= 1);
  const min = numberArg('--promote-min-silhouette', values['promote-min-silhouette'], (n) => n >= -1 && n <= 1) ?? DEFAULT_PROMOTION.min;
  const embed = values['no-embed'] ? undefined : { model: values.model, dtype: values.dtype as EmbedDtype | undefined };
  return {
    help: false,
    command: 'build',
    args: {
      sources: values.source?.length ? values.source : fromEnv,
      people: values.people ?? [],
      mapping: values.mapping,
      out: values.out ?? 'out',
      embed,
      clusters: embed && !values['no-clusters'] ? { seed, diversity, promotion: { metric: 'silhouette', min } } : undefined
    }
  };
}

export async function main(argv: string[]): Promise<number> {
  let cli;
  try {
    cli = parseCli(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (cli.help) {
    process.stdout.write(USAGE);
    return EXIT.ok;
  }
  try {
    const started = performance.now();
    const summary = await runBuild({ ...cli.args, progress: createProgress() });
    process.stdout.write(formatValidationSummary(summary.report));
    process.stdout.write(
      `Wrote ${[...summary.artifacts.map((a) => a.name), 'manifest.json'].join(', ')} to ${cli.args.out.replace(/\/+$/, '')}/ ` +
        `(${formatCount(summary.movies.length)} movies, ${formatCount(summary.credits.length)} credits) in ${formatDuration(performance.now() - started)}\n`
    );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CatalogueFileError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT.catalogue;
    }
    if (e instanceof ModelError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT.model;
    }
    process.stderr.write(`internal error (please report): ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

const isEntry = Boolean(process.argv[1]) && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) process.exitCode = await main(process.argv.slice(2));
