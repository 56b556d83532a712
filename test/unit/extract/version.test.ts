import { describe, expect, it } from 'vitest';
import { deriveExtractorVersion, EXTRACTOR_VERSION, RULES, RULES_REVISION } from '../../../shared/core/extract';

/**
 * The extractor version keys cached extractions and tells reprocessing what is out of date.
 * It is derived from RULES (thresholds) and RULES_REVISION (bumped by hand when rule code changes).
 * If this test fails, you changed extraction behaviour: check that it was intended, then update
 * the pinned value below (and bump RULES_REVISION if only code changed).
 */
describe('EXTRACTOR_VERSION', () => {
  it('is pinned', () => {
    expect(EXTRACTOR_VERSION).toBe('extract-2.64f02b34');
  });

  it('changes with any threshold and with the revision', () => {
    expect(deriveExtractorVersion(RULES, RULES_REVISION)).toBe(EXTRACTOR_VERSION);
    expect(deriveExtractorVersion({ ...RULES, paragraphGap: RULES.paragraphGap + 0.05 }, RULES_REVISION)).not.toBe(EXTRACTOR_VERSION);
    expect(deriveExtractorVersion(RULES, RULES_REVISION + 1)).not.toBe(EXTRACTOR_VERSION);
  });
});
