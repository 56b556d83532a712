import { describe, expect, it } from 'vitest';
import { cosineOnlyCutoff } from '../../../shared/core/classify/classifier';

// Which profiles may be tagged without a lexicon hit: the best one or two, only when they stand
// clearly above the others.
describe('cosineOnlyCutoff', () => {
  const single = { relative: 1, margin: 1.3, maxElements: 1 };
  const pair = { relative: 0.8, margin: 1.3, maxElements: 2 };

  it('admits the single best profile when it beats the runner-up by the margin', () => {
    expect(cosineOnlyCutoff([0.1, 0.4, 0.2], 0.4, single)).toBe(0.4);
    expect(cosineOnlyCutoff([0.1, 0.4, 0.35], 0.4, single)).toBe(Infinity);
  });

  it('admits two profiles close to each other and well above the third', () => {
    // 0.38 is within 0.8 of 0.4, and 0.38 ≥ 1.3 × 0.2.
    expect(cosineOnlyCutoff([0.2, 0.4, 0.38, 0.05], 0.4, pair)).toBe(0.38);
  });

  it('admits none when the second is close but the third is not clearly below', () => {
    expect(cosineOnlyCutoff([0.4, 0.38, 0.33], 0.4, pair)).toBe(Infinity);
  });

  it('falls back to the single best when the second is too far behind it', () => {
    // 0.25 < 0.8 × 0.4: only the best is a candidate, and it beats 0.25 by more than 1.3.
    expect(cosineOnlyCutoff([0.4, 0.25, 0.1], 0.4, pair)).toBe(0.4);
  });

  it('never admits more than maxElements profiles, and none on a tie across the cut', () => {
    expect(cosineOnlyCutoff([0.4, 0.39, 0.38, 0.1], 0.4, pair)).toBe(Infinity);
    expect(cosineOnlyCutoff([0.4, 0.4], 0.4, single)).toBe(Infinity);
  });

  it('admits nothing when every cosine is zero', () => {
    expect(cosineOnlyCutoff([0, 0, 0], 0, pair)).toBe(Infinity);
  });
});
