/**
 * The straightforward alternative to our classifier: natural's TfIdf used the obvious way. Each of
 * the 24 elements becomes one document (label, official wording, lexicon phrases); a paragraph is
 * scored against all of them with `tfidfs`, and the best-scoring element is its tag.
 */
import TfIdf from 'natural/lib/natural/tfidf/tfidf';
import type { TaxonomyBundle } from '../../shared/core/taxonomy/index';
import type { ElementId } from '../../shared/core/taxonomy/types';

export interface BaselineClassifier {
  elements: ElementId[];
  /** Score of every element, in taxonomy order. */
  scores(text: string): number[];
  /** The best element, or none when no term of the paragraph occurs in any profile. */
  classify(text: string): ElementId[];
}

/** Profile text of each element, from the same taxonomy and English lexicon our classifier uses. */
export function elementProfiles(bundle: TaxonomyBundle): Array<{ element: ElementId; text: string }> {
  const lexicon = bundle.lexicons.en;
  return bundle.taxonomy.elements.map((el) => {
    const phrases = (lexicon.elements[el.id]?.terms ?? []).map(([pattern]) => pattern.replace(/[~*]/g, ' '));
    return { element: el.id, text: [`${el.label}.`, el.wording, ...phrases].join(' ') };
  });
}

export function createTfidfBaseline(bundle: TaxonomyBundle): BaselineClassifier {
  const tfidf = new TfIdf();
  const profiles = elementProfiles(bundle);
  for (const p of profiles) tfidf.addDocument(p.text, p.element);
  const elements = profiles.map((p) => p.element);
  const scores = (text: string) => {
    const out = new Array<number>(elements.length).fill(0);
    tfidf.tfidfs(text, (i, measure) => {
      out[i] = measure;
    });
    return out;
  };
  return {
    elements,
    scores,
    classify(text) {
      const s = scores(text);
      let best = -1;
      for (let i = 0; i < s.length; i++) if (s[i] > 0 && (best < 0 || s[i] > s[best])) best = i;
      return best < 0 ? [] : [elements[best]];
    },
  };
}
