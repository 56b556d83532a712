import { describe, expect, it } from 'vitest';
import taxonomyData from '../../../shared/core/taxonomy/data/gcm/taxonomy.json' with { type: 'json' };
import lexiconEn from '../../../shared/core/taxonomy/data/gcm/lexicon.en.json' with { type: 'json' };
import {
  buildTaxonomyBundle,
  elementsOfTheme,
  getElement,
  isElementId,
  loadTaxonomy,
  TaxonomyDataError,
  themeOf,
} from '../../../shared/core/taxonomy/index';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('GCM taxonomy data', () => {
  const tax = loadTaxonomy();

  it('has the 24 elements a–x and 6 themes', () => {
    expect(tax.elements.map((e) => e.id).join('')).toBe('abcdefghijklmnopqrstuvwx');
    expect(tax.themes.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('groups elements into themes as in Annex 1', () => {
    const grouping: Record<number, string> = { 1: 'iou', 2: 'mpqw', 3: 'efjrsvx', 4: 'adht', 5: 'bcgn', 6: 'kl' };
    for (const [theme, ids] of Object.entries(grouping)) {
      expect(elementsOfTheme(Number(theme) as 1).map((e) => e.id).sort().join('')).toBe(ids);
    }
    expect(themeOf('q')).toBe(2);
  });

  it('keeps the official wording', () => {
    expect(getElement('h').wording).toMatch(/^Remittances as an important source of private capital/);
    expect(getElement('v').wording).toBe('Disaggregated data on international migration.');
  });

  it('has a version that is a content hash', () => {
    expect(tax.version).toMatch(/^gcm-[0-9a-f]{12}$/);
    const again = buildTaxonomyBundle({ taxonomy: taxonomyData, lexicons: [lexiconEn] });
    const changed = clone(lexiconEn);
    changed.elements.h.terms.push(['hawaladar', 0.9]);
    const edited = buildTaxonomyBundle({ taxonomy: taxonomyData, lexicons: [changed] });
    expect(edited.taxonomy.version).not.toBe(again.taxonomy.version);
    expect(buildTaxonomyBundle({ taxonomy: taxonomyData, lexicons: [lexiconEn] }).taxonomy.version).toBe(again.taxonomy.version);
  });

  it('recognises element ids', () => {
    expect(isElementId('x')).toBe(true);
    expect(isElementId('y')).toBe(false);
    expect(isElementId(3)).toBe(false);
  });

  it('rejects malformed data with a typed error', () => {
    const badTheme = clone(taxonomyData);
    badTheme.elements[0].theme = 9;
    expect(() => buildTaxonomyBundle({ taxonomy: badTheme, lexicons: [lexiconEn] })).toThrow(TaxonomyDataError);
    const badWeight = clone(lexiconEn);
    (badWeight.elements.a.terms as unknown[]).push(['migration', 3]);
    expect(() => buildTaxonomyBundle({ taxonomy: taxonomyData, lexicons: [badWeight] })).toThrow(/weight in \(0,1\]/);
    expect(() => buildTaxonomyBundle({ taxonomy: taxonomyData, lexicons: [] })).toThrow(/English lexicon/);
  });
});
