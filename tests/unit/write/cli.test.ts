import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCli } from '../../../build-scripts/cli';
import { CatalogueFileError } from '../../../build-scripts/ingest/issues';
import { PROJECT_ROOT } from '../../../build-scripts/paths';
import { resolveSources, runBuild } from '../../../build-scripts/pipeline';
import { silentProgress } from '../../../build-scripts/report/progress';
import { tempDir } from './fixtures';

const tmp = tempDir('cineatlas-cli-');
afterAll(tmp.cleanup);

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'build-scripts/cli.ts', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, CINEATLAS_SOURCE: '' },
    timeout: 60_000
  });
  // npx may add its own config warnings on stderr; keep only our lines.
  const stderr = r.stderr.split('\n').filter((l) => !l.startsWith('npm warn')).join('\n');
  return { status: r.status, stdout: r.stdout, stderr };
}

describe('cli', () => {
  it('exits 1 with one clear message naming the expected columns for a file that is not a catalogue', () => {
    const file = join(tmp.dir, 'sales.csv');
    writeFileSync(file, 'region,quarter,amount\nnorth,Q1,100\n');
    const out = join(tmp.dir, 'out');
    const r = cli('build', '--source', file, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`error: ${file}: is not a movie catalogue`);
    expect(r.stderr).toMatch(/Expected the columns of one of:/);
    expect(r.stderr).toMatch(/id, title/);
    expect(r.stderr).toContain('Found: region, quarter, amount');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });

  it('treats binary, empty and missing files as catalogue file errors (exit 1)', async () => {
    const build = (source: string) => runBuild({ sources: [source], out: join(tmp.dir, 'o'), progress: silentProgress() });
    const bin = join(tmp.dir, 'movies.csv');
    writeFileSync(bin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe]));
    await expect(build(bin)).rejects.toThrow(CatalogueFileError);
    await expect(build(bin)).rejects.toThrow(/binary file; expected a CSV or JSON movie catalogue/);
    const empty = join(tmp.dir, 'empty.csv');
    writeFileSync(empty, '');
    await expect(build(empty)).rejects.toThrow(/empty\.csv: is empty/);
    await expect(build(join(tmp.dir, 'nope.csv'))).rejects.toThrow(/nope\.csv: does not exist/);
    const emptyDir = join(tmp.dir, 'no-tables');
    mkdirSync(emptyDir);
    writeFileSync(join(emptyDir, 'notes.txt'), 'hello');
    await expect(build(emptyDir)).rejects.toThrow(/no-tables: is a folder with no \.csv/);
  });

  it('exits 4 with both ways out when the embedding model cannot be had', () => {
    const r = cli('build', '--out', join(tmp.dir, 'm'), '--model', join(tmp.dir, 'no-model-here'));
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/Embedding model .* is not available: no folder at/);
    expect(r.stderr).toMatch(/allow network access once/);
    expect(r.stderr).toMatch(/pass --model \/path\/to\/folder/);
  });

  it('exits 2 on a bad flag, printing the usage', () => {
    const r = cli('build', '--sauce', 'x.csv');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error: Unknown option '--sauce'/);
    expect(r.stderr).toContain('Usage: npm run build:data');
  });

  it('parses arguments: repeatable sources, env default, usage errors', () => {
    expect(parseCli(['build', '--source', 'a.csv', '--source', 'dir/', '--people', 'p.csv', '--out', 'o'], {})).toEqual({
      help: false, command: 'build',
      args: {
        sources: ['a.csv', 'dir/'], people: ['p.csv'], mapping: undefined, out: 'o',
        embed: { model: undefined, dtype: undefined },
        clusters: { seed: undefined, diversity: undefined, promotion: { metric: 'silhouette', min: 0.05 } }
      }
    });
    // Model stages: on by default, --no-embed / --no-clusters stop earlier; numbers are checked.
    expect(parseCli(['build', '--no-embed'], {})).toMatchObject({ args: { embed: undefined, clusters: undefined } });
    expect(parseCli(['build', '--no-clusters', '--model', 'm/', '--dtype', 'q8'], {})).toMatchObject({
      args: { embed: { model: 'm/', dtype: 'q8' }, clusters: undefined }
    });
    expect(parseCli(['build', '--seed', '3', '--diversity', '0.5', '--promote-min-silhouette', '0.2'], {})).toMatchObject({
      args: { clusters: { seed: 3, diversity: 0.5, promotion: { min: 0.2 } } }
    });
    expect(() => parseCli(['build', '--dtype', 'fp16'], {})).toThrow(/--dtype must be one of fp32, q8/);
    expect(() => parseCli(['build', '--diversity', '2'], {})).toThrow(/--diversity got "2"/);
    expect(() => parseCli(['build', '--seed', 'x'], {})).toThrow(/--seed got "x"/);
    expect(parseCli(['build'], { CINEATLAS_SOURCE: 'x.csv:y/' })).toMatchObject({ args: { sources: ['x.csv', 'y/'], out: 'out' } });
    expect(parseCli(['build', '--source', 'a.csv'], { CINEATLAS_SOURCE: 'x.csv' })).toMatchObject({ args: { sources: ['a.csv'] } });
    expect(parseCli(['build'], {})).toMatchObject({ args: { sources: [] } });
    // No source at all → the shipped sample catalogue.
    expect(resolve(resolveSources([])[0])).toBe(resolve(PROJECT_ROOT, 'data/sample/movies.json'));
    expect(resolveSources(['a.csv'])).toEqual(['a.csv']);
    expect(parseCli(['--help'], {})).toEqual({ help: true });
    expect(() => parseCli([], {})).toThrow(/missing command/);
    expect(() => parseCli(['frobnicate'], {})).toThrow(/unknown command "frobnicate"/);
    expect(() => parseCli(['build', 'a.csv'], {})).toThrow(/unexpected argument "a.csv"/);
    expect(() => parseCli(['build', '--out'], {})).toThrow(/argument missing/);
  });

  it('exits 0 on --help and documents options and CINEATLAS_SOURCE', () => {
    const r = cli('build', '--help');
    expect(r.status).toBe(0);
    for (const s of ['--source <file|dir>', '--people <file>', '--mapping <file>', '--out <dir>', 'CINEATLAS_SOURCE', 'data/sample/movies.json'])
      expect(r.stdout).toContain(s);
  });
});
