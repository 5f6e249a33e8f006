import { delimiter, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
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

export const EXIT = { ok: 0, catalogue: 1, usage: 2, internal: 3 } as const;

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
  -h, --help           show this help

Environment:
  CINEATLAS_SOURCE     source file(s) or folder(s) used when no --source is given
                       (several separated by '${delimiter}')

Writes to <dir>: movies.parquet, people.parquet, validation.json, manifest.json

Exit codes: 0 ok, 1 a catalogue file is unusable (missing, empty, binary, wrong
columns), 2 usage error, 3 unexpected internal error.
`;

export class UsageError extends Error {}

interface BuildArgs {
  sources: string[];
  people: string[];
  mapping?: string;
  out: string;
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
  return {
    help: false,
    command: 'build',
    args: {
      sources: values.source?.length ? values.source : fromEnv,
      people: values.people ?? [],
      mapping: values.mapping,
      out: values.out ?? 'out'
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
    process.stderr.write(`internal error (please report): ${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}

const isEntry = Boolean(process.argv[1]) && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) process.exitCode = await main(process.argv.slice(2));
