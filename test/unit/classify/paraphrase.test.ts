import { describe, expect, it } from 'vitest';
import { createClassifier, defaultClassifierData, loadClassifier } from '../../../shared/core/classify/index';
import { buildProfiles } from '../../../shared/core/classify/tfidf/profiles';
import { stem } from '../../../shared/core/classify/text/stem';

const clf = loadClassifier();

describe('element profiles with descriptive prose', () => {
  it('adds the prose vocabulary to the profile, weighted by proseWeight', () => {
    const { bundle, idf } = defaultClassifierData();
    const h = bundle.taxonomy.elements.findIndex((e) => e.id === 'h');
    const prose = { h: 'Wallets and corridors carry the funds households receive.' };
    const without = buildProfiles(bundle.taxonomy, bundle.lexicons.en, idf)[h];
    const withProse = buildProfiles(bundle.taxonomy, bundle.lexicons.en, idf, prose, 1)[h];
    const wallet = stem('wallets', 'en');
    expect(without.get(wallet) ?? 0).toBe(0);
    expect(withProse.get(wallet)!).toBeGreaterThan(0);
    expect(buildProfiles(bundle.taxonomy, bundle.lexicons.en, idf, prose, 0)[h].get(wallet) ?? 0).toBe(0);
  });

  it('makes the prose part of the classifier version', () => {
    const data = defaultClassifierData();
    const a = createClassifier(data);
    const b = createClassifier({ ...data, profileProse: { ...data.profileProse, h: 'something else entirely' } });
    expect(a.version).not.toBe(b.version);
  });
});

describe('tags without a lexicon phrase', () => {
  // No lexicon phrase of h occurs here; the wording is the profile's.
  const paraphrase = 'Migrant households depend on the money that relatives working in another country send each month; banks and transfer companies keep a large share of every payment on these corridors.';
  const h = clf.elements.findIndex((e) => e.id === 'h');
  const scored = (text: string) => clf.scoreDocument([{ index: 0, text }]).paragraphs[0];

  it('gives a paraphrase with no lexicon phrase its highest probability for the element its TF-IDF profile matches', () => {
    const s = scored(paraphrase);
    expect(s.evidence.hits[h]).toBe(0);
    expect(s.evidence.cosine[h]).toBe(Math.max(...s.evidence.cosine));
    expect(s.probabilities[h]).toBe(Math.max(...s.probabilities));
    expect(s.probabilities[h]).toBeGreaterThan(0);
  });

  it('does not tag the same words when nothing says the money crosses a border', () => {
    const text = 'Households depend on the money that relatives transfer each month; banks and transfer companies charge high fees on these corridors.';
    expect(scored(text).open[h]).toBe(0);
    expect(clf.classifyText(text).map((t) => t.element)).not.toContain('h');
  });

  it('does not tag procedural paragraphs from TF-IDF alone', () => {
    const text = 'The provisional agenda was adopted and the Chair thanked the host country; the next meeting on migrant households will be held in the same venue.';
    expect(clf.classifyText(text).filter((t) => t.keywordHits.length === 0)).toEqual([]);
  });
});
