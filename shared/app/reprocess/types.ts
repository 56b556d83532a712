/**
 * Shapes of a reprocessing run (issue 6): the run record, one work item per document in scope
 * (which doubles as the run's change report), and the messages of the fan-out.
 */
import type { ElementId } from '../../core/taxonomy/types';
import type { ElementScore, RunRecord } from '../types';

/** Which documents a run covers. */
export type RunScope =
  | { kind: 'all' }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'failed' }
  | { kind: 'outdated' };

export type RunCounts = RunRecord['counts'];

/** The stored run: RunRecord (the shape fixed with the storage) plus what resuming needs. */
export interface ReprocessRun extends RunRecord {
  /** Extractor version the run brings documents to (targetVersion is the classifier version). */
  extractorVersion: string;
  /** Every document in scope has a work item (planning walked the whole table). */
  planned: boolean;
  /** Work items created so far (= pending + done + failed + unchanged once counts are settled). */
  total: number;
  /** Cursor of the next page to plan while planning is unfinished (what a resumed run continues from). */
  planCursor?: string;
}

export type WorkState = 'pending' | 'done' | 'failed' | 'unchanged';

/** An element whose paragraph count changed without the document gaining or losing it. */
export interface ElementCountChange {
  element: ElementId;
  before: number;
  after: number;
}

/** The effect of the run on one document: what a reviewer reads before trusting a lexicon change. */
export interface DocumentChange {
  gained: ElementId[];
  lost: ElementId[];
  recounted: ElementCountChange[];
}

export interface WorkItem extends DocumentChange {
  runId: string;
  documentId: string;
  key: string;
  title: string | null;
  state: WorkState;
  /** The document's current version and extractor when the run planned it. */
  fromVersion: string | null;
  fromExtractorVersion: string | null;
  /**
   * The element scores of `fromVersion` when planned: what the change report compares with, so it
   * does not depend on the superseded version still being stored (it expires after its retention).
   */
  fromElements: ElementScore[];
  /** Version the document is at after this run (set when done). */
  toVersion: string | null;
  reason: string | null;
  /** True when gained, lost or recounted is non-empty. */
  changed: boolean;
  updatedAt: string;
}

/**
 * Messages of the fan-out: start a run (sent by the CLI on AWS, so the run targets the versions the
 * deployed function runs), one page of planning, or one document to bring to the target.
 */
export type ReprocessMessage =
  | { type: 'start'; runId: string; scope: string }
  | { type: 'plan'; runId: string; cursor?: string }
  | { type: 'document'; runId: string; documentId: string };

export const EMPTY_CHANGE: DocumentChange = { gained: [], lost: [], recounted: [] };
