import { describe, expect, it } from 'vitest';
import { loadTaxonomyBundle } from '../../../shared/core/taxonomy';
import { createTfidfBaseline, elementProfiles } from '../../../bench/lib/tfidf-baseline';

describe('natural TfIdf baseline', () => {
  const bundle = loadTaxonomyBundle();
  const baseline = createTfidfBaseline(bundle);

  it('has one profile per element, built from its label, wording and lexicon phrases', () => {
    const profiles = elementProfiles(bundle);
    expect(profiles).toHaveLength(24);
    const h = profiles.find((p) => p.element === 'h')!;
    expect(h.text).toMatch(/^Remittances\./);
    expect(h.text).not.toMatch(/[~*]/);
  });

  it('tags an obvious remittances paragraph with element (h)', () => {
    expect(baseline.classify('Reduce the transaction costs of remittances sent by migrant workers through money transfer operators.')).toEqual(['h']);
  });

  it('scores all 24 elements and tags nothing when no word occurs in any profile', () => {
    expect(baseline.scores('anything at all')).toHaveLength(24);
    expect(baseline.classify('zzzz qqqq')).toEqual([]);
  });
});
