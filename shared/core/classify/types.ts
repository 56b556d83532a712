import type { ElementId, ThemeId } from '../taxonomy/types';

/** One lexicon entry found in a paragraph. Offsets are into the paragraph text (end exclusive). */
export interface KeywordHit {
  term: string;
  start: number;
  end: number;
  weight: number;
}

export interface TfidfTerm {
  term: string;
  weight: number;
}

/** An element on a paragraph, with the evidence for it. */
export interface Tag {
  element: ElementId;
  theme: ThemeId;
  /** Combined score in [0, 1]. */
  score: number;
  keywordHits: KeywordHit[];
  tfidfTerms: TfidfTerm[];
  classifierVersion: string;
}

/** Per-element roll-up of a document's tagged paragraphs. */
export interface DocumentElementSummary {
  element: ElementId;
  theme: ThemeId;
  /** Number of paragraphs tagged with the element. */
  paragraphCount: number;
  bestScore: number;
  /** Document-level score in [0, 1] used for ranking documents under an element. */
  score: number;
  /** Whether the document "addresses" the element (rule documented in the classifier). */
  addresses: boolean;
  /** Paragraph indexes of the best evidence, best first (at most 3). */
  evidence: number[];
}

export interface ParagraphInput {
  index: number;
  text: string;
  kind?: string;
}

export interface Classifier {
  /** Derived from taxonomy, lexicon, model and thresholds: changes whenever behaviour can. */
  readonly version: string;
  readonly taxonomyVersion: string;
  classifyText(text: string): Tag[];
  summariseDocument(paragraphs: Array<ParagraphInput & { tags: Tag[] }>): DocumentElementSummary[];
}
