/**
 * Review decisions: a person's verdict on one element for one paragraph of one document. They are
 * kept apart from the machine's results and applied when results are read (./apply.ts), so that
 * reprocessing never overwrites them.
 */
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import type { StoredParagraph, StoredTag } from '../types';

/** `confirm` a machine tag, `reject` one (the element does not apply), or `add` one the machine missed. */
export type ReviewVerdict = 'confirm' | 'reject' | 'add';
export const REVIEW_VERDICTS: readonly ReviewVerdict[] = ['confirm', 'reject', 'add'];

export interface Reviewer {
  /** Stable id: the Cognito user name on AWS, `local:<user>` for `npm start`. */
  id: string;
  name: string;
}

/** What the reviewer saw when deciding; kept so an export needs no other read. */
export interface ReviewedParagraphSnapshot {
  index: number;
  number: string | null;
  page: number;
  text: string;
}

export interface ReviewDecision {
  documentId: string;
  /** paragraphTextKey(text): decisions follow the text, not its position. */
  textKey: string;
  element: ElementId;
  verdict: ReviewVerdict;
  comment?: string;
  reviewer: Reviewer;
  /** ISO time of the decision. */
  at: string;
  paragraph: ReviewedParagraphSnapshot;
  /** The version the reviewer looked at, and the elements the machine had tagged on the paragraph there. */
  version: string;
  machineElements: ElementId[];
  /** Earlier decisions on the same paragraph and element, newest first (a short audit trail). */
  history?: Array<Pick<ReviewDecision, 'verdict' | 'comment' | 'reviewer' | 'at'>>;
}

/** A decision says whether the element applies; confirm and add both say it does. */
export function decisionApplies(d: Pick<ReviewDecision, 'verdict'>): boolean {
  return d.verdict !== 'reject';
}

/** The review shown next to a tag. */
export interface ReviewMark {
  verdict: ReviewVerdict;
  reviewer: Reviewer;
  at: string;
  comment?: string;
}

/** A tag as served: the machine's (possibly confirmed) or one a reviewer added (no score). */
export interface ServedTag extends Omit<StoredTag, 'score'> {
  score: number | null;
  source: 'machine' | 'reviewer';
  review?: ReviewMark;
}

/** A paragraph with reviews applied: `tags` are the ones that hold, `rejected` the machine tags a reviewer turned down. */
export interface ServedParagraph extends Omit<StoredParagraph, 'tags'> {
  textKey: string;
  tags: ServedTag[];
  rejected: Array<StoredTag & { review: ReviewMark }>;
}

/** An element on a document after review: the machine's verdict, the reviewed one, and why they differ. */
export interface ServedElement {
  element: ElementId;
  theme: ThemeId;
  /** Document-level score of the machine (null when only a reviewer tagged the element). */
  score: number | null;
  /** Paragraphs that carry the element after review. */
  paragraphCount: number;
  addresses: boolean;
  machine: { addresses: boolean; paragraphCount: number };
  /** `confirmed`/`added`: a reviewer says it applies somewhere; `rejected`: reviewers removed every tag of it. */
  review?: 'confirmed' | 'added' | 'rejected';
}
