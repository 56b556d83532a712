import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, RULES_REVISION } from '../../../shared/core/extract';

/**
 * The extractor version keys cached extractions and tells reprocessing what is out of date.
 * It is derived from RULES (thresholds) and RULES_REVISION (bumped by hand when rule code changes).
 * If this test fails, you changed extraction behaviour: check that it was intended, then update
 * the pinned value below (and bump RULES_REVISION if only code changed).
 */
describe('EXTRACTOR_VERSION', () => {
  it('is pinned', () => {
    expect(EXTRACTOR_VERSION).toBe(`extract-${RULES_REVISION}.PLACEHOLDER`);
  });
});
