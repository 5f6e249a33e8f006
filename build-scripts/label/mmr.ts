/**
 * Maximal Marginal Relevance exactly as KeyBERT's `mmr` (keybert/_mmr.py):
 * first pick = candidate most similar to the document (here: the cluster centroid); then
 * repeatedly pick argmax over remaining of
 *   (1 − diversity) · sim(candidate, doc) − diversity · max sim(candidate, already picked).
 * Returned in pick order; score = cosine to the document (as KeyBERT reports it).
 * Ties go to the lower candidate index (numpy argmax).
 */

export interface ScoredPhrase {
  phrase: string;
  score: number;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export function mmr(
  docEmbedding: ArrayLike<number>,
  wordEmbeddings: ArrayLike<number>[],
  words: string[],
  topN = 5,
  diversity = 0.7
): ScoredPhrase[] {
  const n = words.length;
  if (wordEmbeddings.length !== n) throw new Error('one embedding per word expected');
  if (n === 0 || topN <= 0) return [];
  const docSim = wordEmbeddings.map((w) => cosine(w, docEmbedding));
  let first = 0;
  for (let i = 1; i < n; i++) if (docSim[i] > docSim[first]) first = i;
  const picked = [first];
  const candidates = [...Array(n).keys()].filter((i) => i !== first);
  // Running max similarity of each word to the picked set: O(n · topN) cosines, not O(n²).
  const maxSimToPicked = wordEmbeddings.map((w) => cosine(w, wordEmbeddings[first]));
  for (let step = 0; step < Math.min(topN - 1, n - 1); step++) {
    let best = -1, bestScore = -Infinity;
    for (const i of candidates) {
      const s = (1 - diversity) * docSim[i] - diversity * maxSimToPicked[i];
      if (s > bestScore) { bestScore = s; best = i; }
    }
    picked.push(best);
    candidates.splice(candidates.indexOf(best), 1);
    for (const i of candidates) maxSimToPicked[i] = Math.max(maxSimToPicked[i], cosine(wordEmbeddings[i], wordEmbeddings[best]));
  }
  return picked.map((i) => ({ phrase: words[i], score: docSim[i] }));
}
