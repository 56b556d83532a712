/** Where review decisions are kept. Implemented on the document table by adapters/dynamodb/review-repository.ts. */
import type { ElementId } from '../../core/taxonomy/types';
import type { Page } from '../types';
import type { ReviewDecision } from './types';

export interface ReviewRepository {
  /**
   * Records the decision on (document, paragraph text, element), replacing an earlier one, whose
   * verdict, reviewer, time and comment move to the decision's `history`.
   */
  put(decision: Omit<ReviewDecision, 'history'>): Promise<ReviewDecision>;
  /** Every decision on one document. */
  forDocument(documentId: string): Promise<ReviewDecision[]>;
  /** Decisions on several documents at once (documents without any are absent from the map). */
  forDocuments(documentIds: readonly string[]): Promise<Map<string, ReviewDecision[]>>;
  /** Every decision on `element`, as document, paragraph text and whether it says the element applies (one small read per element). */
  onElement(element: ElementId): Promise<Array<{ documentId: string; textKey: string; applies: boolean }>>;
  /** Documents with at least one decision saying `element` applies (confirm or add), with the paragraphs concerned. */
  applyingTo(element: ElementId): Promise<Array<{ documentId: string; textKey: string }>>;
  /** All decisions, most recent first, a page at a time. */
  list(limit: number, cursor?: string): Promise<Page<ReviewDecision>>;
}
