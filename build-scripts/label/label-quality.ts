/**
 * Label-quality figures: is the label grounded in what the members' text actually says?
 * Label words = the distinct non-stop words of the display name and the keywords; member
 * text = overview, tagline and keywords (the same tokens candidates come from).
 */
import { isStopWord } from './stopwords';

export interface LabelQuality {
  /** Share of label words that occur in at least one member's text (the headline figure). */
  grounded: number;
  /** Mean over label words of the share of members whose text contains the word. */
  coverage: number;
  /** Share of members whose text contains at least one label word. */
  membersCovered: number;
  /** The words scored. */
  words: string[];
}

export function labelWords(name: string, keywords: string[]): string[] {
  const out = new Set<string>();
  for (const t of [name, ...keywords].join(' ').toLowerCase().split(/\s+/)) if (t && !isStopWord(t)) out.add(t);
  return [...out];
}

export function labelQuality(words: string[], memberTokens: ReadonlySet<string>[]): LabelQuality {
  if (!words.length || !memberTokens.length) return { grounded: 0, coverage: 0, membersCovered: 0, words };
  let grounded = 0, coverage = 0;
  for (const w of words) {
    let hits = 0;
    for (const toks of memberTokens) if (toks.has(w)) hits++;
    if (hits) grounded++;
    coverage += hits / memberTokens.length;
  }
  const covered = memberTokens.filter((toks) => words.some((w) => toks.has(w))).length;
  return {
    grounded: grounded / words.length,
    coverage: coverage / words.length,
    membersCovered: covered / memberTokens.length,
    words
  };
}

/** Size-weighted mean of each figure over a model's clusters (noise and empty clusters excluded). */
export function modelLabelQuality(
  clusters: { cluster: number; size: number; labelQuality: LabelQuality | null }[]
): Omit<LabelQuality, 'words'> {
  let n = 0, g = 0, c = 0, m = 0;
  for (const cl of clusters) {
    if (cl.cluster < 0 || !cl.labelQuality || !cl.size) continue;
    n += cl.size;
    g += cl.size * cl.labelQuality.grounded;
    c += cl.size * cl.labelQuality.coverage;
    m += cl.size * cl.labelQuality.membersCovered;
  }
  return n ? { grounded: g / n, coverage: c / n, membersCovered: m / n } : { grounded: 0, coverage: 0, membersCovered: 0 };
}
