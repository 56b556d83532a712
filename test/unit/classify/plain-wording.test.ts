import { describe, expect, it } from 'vitest';
import { loadClassifier } from '../../../shared/core/classify/index';

const clf = loadClassifier();
const elementsOf = (text: string) => clf.classifyText(text).map((t) => t.element);

// The fourth pass widened the lexicon with the plain ways policy texts name an element without
// its technical term. These sentences are written for this test (no labelled set contains them).
describe('elements named in plain words', () => {
  it('h: money sent back by relatives, without the word "remittances"', () => {
    expect(elementsOf('Many households in the valley rely on the money sent back by sons and daughters who work in the Gulf states.')).toContain('h');
  });

  it('u: blaming foreigners and hostility, without "xenophobia" or "discrimination"', () => {
    expect(elementsOf('Campaigners warned that election speeches which blame foreigners for crime and unemployment feed hostility in poor neighbourhoods.')).toContain('u');
  });

  it('i: detention without a lawyer "whatever their papers", without "human rights"', () => {
    expect(elementsOf('Nobody held at the border should be kept for weeks without access to a lawyer, whatever their papers.')).toContain('i');
  });

  it('m: staying beyond the period a visa allows, without "irregular" or "overstay"', () => {
    expect(elementsOf('The ministry estimates that most people without legal status entered lawfully and then stayed beyond the period their visa allowed.')).toContain('m');
  });

  it('the same words in another sense tag nothing', () => {
    expect(elementsOf('The hotel transfer from the airport takes forty minutes; shuttles leave every hour.')).toEqual([]);
    expect(elementsOf('Members approved the remittance of surplus contributions to the trust fund.')).toEqual([]);
  });
});
