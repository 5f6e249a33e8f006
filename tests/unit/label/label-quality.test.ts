import { describe, expect, it } from 'vitest';
import { labelQuality, labelWords, modelLabelQuality } from '../../../build-scripts/label/label-quality';

describe('labelQuality', () => {
  const members = [new Set(['zombie', 'outbreak', 'city']), new Set(['zombie', 'survival']), new Set(['love'])];

  it('label words are the distinct non-stop words of the name and keywords', () => {
    expect(labelWords('Zombie Outbreak II', ['zombie outbreak', 'the survival'])).toEqual(['zombie', 'outbreak', 'ii', 'survival']);
  });

  it('grounded = share of label words found in member text; coverage and members covered', () => {
    const q = labelQuality(['zombie', 'outbreak', 'ii', 'survival'], members);
    expect(q.grounded).toBe(3 / 4); // "ii" was invented by the namer
    expect(q.coverage).toBeCloseTo((2 / 3 + 1 / 3 + 0 + 1 / 3) / 4, 12);
    expect(q.membersCovered).toBeCloseTo(2 / 3, 12);
  });

  it('model figure is size-weighted and skips noise', () => {
    const q = (g: number) => ({ grounded: g, coverage: g, membersCovered: g, words: [] });
    const m = modelLabelQuality([
      { cluster: 0, size: 3, labelQuality: q(1) },
      { cluster: 1, size: 1, labelQuality: q(0) },
      { cluster: -1, size: 100, labelQuality: null }
    ]);
    expect(m.grounded).toBe(0.75);
  });
});
