import type { Adapter } from './adapter';
import { ADAPTERS } from './adapters';
import { genericAdapter, loadMapping, CANONICAL_SIGNATURE } from './adapters/generic';
import { CatalogueFileError } from './issues';
import { readHeader } from './read-header';

export interface DetectOptions {
  /** Column-mapping file for a generic catalogue (see adapters/generic.ts). */
  mapping?: string;
}

/**
 * Chooses the adapter for a file from its header: a user mapping when one is given and
 * its id and title columns are present, then the built-in formats by their signature
 * columns, then canonical column names. A file that matches nothing gets one error
 * listing what each format expects.
 */
export function detectAdapter(file: string, opts: DetectOptions = {}): Adapter {
  const columns = new Set(readHeader(file));
  let mapped: Adapter | undefined;
  if (opts.mapping) {
    const mapping = loadMapping(opts.mapping);
    mapped = genericAdapter(mapping, opts.mapping);
    const header = mapping.delimiter ? new Set(readHeader(file, mapping.delimiter)) : columns;
    if (mapped.signature.every((c) => header.has(c))) {
      // A mapped column the file lacks would silently empty that field on every row.
      const missing = mapped.expected.filter((c) => !header.has(c));
      if (missing.length) throw new CatalogueFileError(file, `lacks column(s) ${missing.join(', ')} named in the mapping ${opts.mapping}`);
      return mapped;
    }
  }
  const adapter = ADAPTERS.find((a) => a.signature.every((c) => columns.has(c)));
  if (adapter) return adapter;
  if (CANONICAL_SIGNATURE.every((c) => columns.has(c))) return genericAdapter(null);
  const expected = [
    ...(mapped ? [`  - ${mapped.description}: ${mapped.signature.join(', ')}`] : []),
    ...ADAPTERS.map((a) => `  - ${a.description}: ${a.signature.join(', ')}`),
    `  - a generic catalogue with canonical columns (${CANONICAL_SIGNATURE.join(', ')}) or a --mapping file`
  ].join('\n');
  const found = [...columns].slice(0, 12).join(', ') || '(none)';
  throw new CatalogueFileError(file, `is not a movie catalogue this tool knows.\nExpected the columns of one of:\n${expected}\nFound: ${found}`);
}

