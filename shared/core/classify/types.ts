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
  /** Probability that the paragraph addresses the element (calibrated on labelled paragraphs). */
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
  /** Best paragraph probability. */
  bestScore: number;
  /**
   * Document relevance in [0, 1] used for ranking documents under an element: the best paragraph
   * probability, weighted by how much of the document is about the element (rule in rollup.ts).
   */
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

export interface DocumentInput {
  /** The document's title, when known: a title that names migration makes the whole text its context. */
  title?: string | null;
}

/** Tags of every paragraph (same order as the input) and the per-element roll-up. */
export interface DocumentClassification {
  paragraphs: Tag[][];
  elements: DocumentElementSummary[];
}

export interface Classifier {
  /** Derived from taxonomy, lexicon, model and thresholds: changes whenever behaviour can. */
  readonly version: string;
  readonly taxonomyVersion: string;
  /** Tags a whole document, each paragraph in the context of the others (see context.ts). */
  classifyDocument(paragraphs: readonly ParagraphInput[], document?: DocumentInput): DocumentClassification;
  /** Tags one paragraph on its own, as a document of one paragraph. */
  classifyText(text: string): Tag[];
}
