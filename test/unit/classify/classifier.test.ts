import { describe, expect, it } from 'vitest';
import { ClassifierInputError, loadClassifier } from '../../../shared/core/classify/index';
import { themeOf } from '../../../shared/core/taxonomy/index';

const clf = loadClassifier();
const elements = (text: string) => clf.classifyText(text).map((t) => t.element).sort();

describe('classifyText', () => {
  it('tags a paragraph with evidence, theme and version', () => {
    const text = 'Governments agreed to reduce the transaction costs of remittances sent by migrant workers to their families.';
    const tags = clf.classifyText(text);
    const h = tags.find((t) => t.element === 'h');
    expect(h).toBeDefined();
    expect(h!.theme).toBe(themeOf('h'));
    expect(h!.score).toBeGreaterThan(0);
    expect(h!.score).toBeLessThanOrEqual(1);
    expect(h!.classifierVersion).toBe(clf.version);
    expect(h!.keywordHits.map((k) => text.slice(k.start, k.end).toLowerCase())).toContain('remittances');
    expect(h!.tfidfTerms.length).toBeGreaterThan(0);
  });

  it('gives procedural paragraphs no tags', () => {
    expect(elements('The Chair thanked the host Government for its hospitality and the provisional agenda was adopted.')).toEqual([]);
    expect(elements('Lunch will be served at the venue; buses return to the hotel at 18:00.')).toEqual([]);
  });

  it('gives tables of contents and lists of abbreviations no tags', () => {
    expect(elements('4.3 Return and reintegration of migrants ........................ 20')).toEqual([]);
    expect(elements('AVRR Assisted Voluntary Return and Reintegration CSO Civil Society Organization IBM Integrated Border Management MRC Migrant Resource Centre UASC Unaccompanied and Separated Children TIP Trafficking in Persons')).toEqual([]);
    expect(elements('International Organization for Migration (IOM) (2012a). Post arrival and reintegration assistance. Internal guidance note.')).toEqual([]);
    expect(elements('Assisted voluntary return and reintegration (AVRR) programmes helped returnees in Ethiopia and Somalia rebuild their lives.')).toContain('s');
  });

  it('does not take another sense of a word for the element', () => {
    expect(elements('Customs officers seized ivory in a wildlife trafficking case.')).not.toContain('k');
    expect(elements('The return on investment of the new port was discussed.')).not.toContain('s');
  });

  it('needs a migration context for elements whose vocabulary is general', () => {
    expect(elements('Climate change and desertification threaten the harvests of the region.')).not.toContain('c');
    expect(elements('Climate change and desertification push rural families to migrate to the cities and abroad.')).toContain('c');
    expect(elements('We reaffirm our commitment to the 2030 Agenda for Sustainable Development and the Sustainable Development Goals.')).not.toContain('a');
    // Inherently migration-specific vocabulary needs no extra cue.
    expect(elements('Reducing the cost of remittances remains a priority.')).toContain('h');
  });

  it('tags several elements when a paragraph addresses several', () => {
    const got = elements('States committed to combat the smuggling of migrants and to provide assistance and temporary residence permits to identified victims of trafficking.');
    expect(got).toEqual(expect.arrayContaining(['k', 'l']));
  });

  it('handles French and Spanish text', () => {
    expect(elements('Les États renforcent la lutte contre la traite des personnes.')).toContain('k');
    expect(elements('Reducir el costo de las remesas es una prioridad.')).toContain('h');
  });

  it('is deterministic and copes with empty or odd input', () => {
    const t = 'Irregular migration along the central route has decreased.';
    expect(clf.classifyText(t)).toEqual(clf.classifyText(t));
    expect(clf.classifyText('')).toEqual([]);
    expect(clf.classifyText('— 12 — ∞ ☃')).toEqual([]);
    expect(() => clf.classifyText(42 as unknown as string)).toThrow(ClassifierInputError);
  });

  it('has content-derived versions', () => {
    expect(clf.version).toMatch(/^clf-[0-9a-f]{12}$/);
    expect(clf.taxonomyVersion).toMatch(/^gcm-[0-9a-f]{12}$/);
    expect(loadClassifier()).toBe(clf);
  });
});
