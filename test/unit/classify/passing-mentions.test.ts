import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../shared/core/classify/index';
import { keywordStrength } from '../../../shared/core/classify/scoring';

const clf = loadClassifier();
const elements = (text: string) => clf.classifyText(text).map((t) => t.element).sort();

describe('weak cues do not pile up', () => {
  const weak = { cue: 0.5, cap: 0.5 };

  it('caps the noisy-OR of cues that are all weak', () => {
    expect(keywordStrength([0.4, 0.3, 0.3])).toBeCloseTo(0.706, 3);
    expect(keywordStrength([0.4, 0.3, 0.3], weak)).toBeCloseTo(0.5, 6);
    // A single weak cue keeps its own weight.
    expect(keywordStrength([0.3], weak)).toBeCloseTo(0.3, 6);
  });

  it('leaves the noisy-OR alone as soon as one cue is not weak', () => {
    expect(keywordStrength([0.5, 0.5], weak)).toBeCloseTo(0.75, 6);
    expect(keywordStrength([0.9, 0.3], weak)).toBeCloseTo(0.93, 6);
  });

  it('does not tag cooperation (x) from a list of partners in a paragraph about irregular migration', () => {
    const text =
      'Calls upon Member States, international organizations, civil society organizations and the private sector, ' +
      'through partnerships, to support information campaigns for prospective migrants on the risks of irregular migration.';
    const x = clf.elements.findIndex((e) => e.id === 'x');
    const { evidence } = clf.scoreDocument([{ index: 0, text }]).paragraphs[0];
    expect(evidence.hits[x]).toBeGreaterThanOrEqual(3);
    expect(evidence.keyword[x]).toBeCloseTo(0.5, 6);
    expect(elements(text)).toContain('m');
    expect(elements(text)).not.toContain('x');
  });
});

describe('a passing word in a paragraph about another element', () => {
  it('tags the paragraph\'s subject, not the element of one passing word', () => {
    const text =
      'Participants discussed how to lower the cost of remittances sent home by migrant workers, to promote competition ' +
      'among money transfer operators and to expand digital channels in remittance corridors; a speaker from a ' +
      'diaspora association took part.';
    expect(elements(text)).toEqual(['h']);
  });
});

describe('other senses found in the real corpus', () => {
  it('does not read "national" (adjective) as migration context', () => {
    expect(elements('Poverty eradication and climate adaptation are at the heart of the national development plan.')).not.toContain('c');
  });

  it('does not take durable solutions for refugees for return and readmission (s)', () => {
    expect(
      elements('Welcomes efforts to facilitate the voluntary repatriation, local integration and resettlement of refugees and the sustainable reintegration of refugees in their country of origin.'),
    ).not.toContain('s');
    expect(elements('States should cooperate on the return and readmission of migrants who have no right to stay.')).toContain('s');
  });

  it('keeps "trafficking victims" for l, not k', () => {
    const text = 'Shelters give trafficking victims medical care, legal aid and a reflection period.';
    expect(elements(text)).toContain('l');
    expect(elements(text)).not.toContain('k');
  });
});
