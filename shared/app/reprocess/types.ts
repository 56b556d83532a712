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
  /** One document (what runs planned before batches send; still understood). */
  | { type: 'document'; runId: string; documentId: string }
  | { type: 'documents'; runId: string; documentIds: string[] };

/**
 * Documents re-tagged from the cache per message: their reads, version writes and counter update
 * are shared. A document that must be parsed again (new extractor, scanned pages, the upload path)
 * goes alone: a parse can take many seconds, and the function has minutes.
 */
export const DOCUMENTS_PER_MESSAGE = 10;
export const MAX_DOCUMENTS_PER_MESSAGE = 25;

/** Whether a work item is a re-tag from the extraction cache (cheap) rather than a parse. */
export function retagsFromCache(item: Pick<WorkItem, 'fromVersion' | 'fromExtractorVersion'>, extractorVersion: string, scanned = false): boolean {
  return item.fromVersion !== null && item.fromExtractorVersion === extractorVersion && !scanned;
}

/** Document messages for pending work items: cheap re-tags grouped, parses one per message. */
export function documentMessages(runId: string, items: ReadonlyArray<WorkItem & { scanned?: boolean }>, extractorVersion: string, perMessage = DOCUMENTS_PER_MESSAGE): ReprocessMessage[] {
  const messages: ReprocessMessage[] = [];
  const retags: string[] = [];
  for (const item of items) {
    if (retagsFromCache(item, extractorVersion, item.scanned)) retags.push(item.documentId);
    else messages.push({ type: 'documents', runId, documentIds: [item.documentId] });
  }
  // As few messages as the size allows, of even sizes (13 documents: 7 and 6, not 10 and 3).
  const size = Math.max(1, Math.min(perMessage, MAX_DOCUMENTS_PER_MESSAGE));
  const groups = Math.ceil(retags.length / size);
  for (let g = 0, from = 0; g < groups; g++) {
    const to = from + Math.ceil((retags.length - from) / (groups - g));
    messages.push({ type: 'documents', runId, documentIds: retags.slice(from, to) });
    from = to;
  }
  return messages;
}

export const EMPTY_CHANGE: DocumentChange = { gained: [], lost: [], recounted: [] };
