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

describe('TF-IDF-only tags', () => {
  // No lexicon phrase of h occurs here; the wording is the profile's.
  const paraphrase = 'Migrant households depend on the money that relatives working in another country transfer each month; banks and transfer companies charge high fees on these corridors.';

  it('tags a clear paraphrase through its best-matching profile, without keyword hits', () => {
    const h = clf.scoreText(paraphrase).scores.find((s) => s.element === 'h')!;
    expect(h.taggable).toBe(true);
    const tags = clf.classifyText(paraphrase);
    expect(tags.map((t) => t.element)).toContain('h');
  });

  it('is off without the cosineOnly parameters: an element then needs a lexicon hit', () => {
    const data = defaultClassifierData();
    const { cosineOnlyWeight: _w, cosineOnlyRelative: _r, ...scoring } = data.params.scoring;
    const off = createClassifier({ ...data, params: { ...data.params, scoring } });
    for (const t of off.classifyText(paraphrase)) expect(t.keywordHits.length).toBeGreaterThan(0);
    for (const s of off.scoreText(paraphrase).scores) expect(s.taggable).toBe(s.matches.length > 0);
  });

  it('does not tag from TF-IDF alone without a migration context cue', () => {
    const text = 'Households depend on the money that relatives transfer each month; banks and transfer companies charge high fees on these corridors.';
    for (const t of clf.classifyText(text)) expect(t.keywordHits.length).toBeGreaterThan(0);
  });

  it('does not tag procedural paragraphs from TF-IDF alone', () => {
    const text = 'The provisional agenda was adopted and the Chair thanked the host country; the next meeting on migrant households will be held in the same venue.';
    for (const t of clf.classifyText(text)) expect(t.keywordHits.length).toBeGreaterThan(0);
  });
});
