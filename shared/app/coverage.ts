/**
 * The coverage matrix (documents or processes × elements), like Annex 2 of the seed document,
 * with review decisions already applied to the elements it is given. Pure: the API and the web
 * page build it from the same rows.
 */
import type { ElementId } from '../core/taxonomy/types';
import type { ServedElement } from './reviews/types';
import type { CoverageRow } from './ports';
import type { DocumentRecord } from './types';

/** A stored coverage row (ports.ts) as the matrix shows it: scores per element, reviews applied. */
export interface CoverageDocumentRow extends Omit<CoverageRow, 'elements'> {
  /** Score of each addressed element; a reviewer-added element without a machine score counts 1. */
  scores: Record<ElementId, number | null>;
  /** Elements whose cell a reviewer decided. */
  reviewed: Partial<Record<ElementId, 'confirmed' | 'added' | 'rejected'>>;
}

export interface CoverageProcessRow {
  process: string;
  documents: number;
  /** How many of the process's documents address each element. */
  counts: Record<ElementId, number>;
}

/** Label of documents without a process. */
export const NO_PROCESS = '(no process)';

/** What a coverage row needs of a document: its metadata and the machine's element scores. */
export type CoverageSource = Pick<DocumentRecord, 'documentId' | 'title' | 'key' | 'process' | 'type' | 'meetingDate'> & {
  elements: ReadonlyArray<{ element: ElementId; score: number; addresses: boolean }>;
};

export function documentRows(
  docs: readonly CoverageSource[],
  elementIds: readonly ElementId[],
  served: ReadonlyMap<string, ServedElement[]>,
): CoverageDocumentRow[] {
  return docs.map((d) => {
    const elements = served.get(d.documentId);
    const scores = {} as Record<ElementId, number | null>;
    const reviewed: CoverageDocumentRow['reviewed'] = {};
    for (const id of elementIds) scores[id] = null;
    if (elements) {
      for (const e of elements) {
        if (e.addresses) scores[e.element] = e.score ?? 1;
        if (e.review) reviewed[e.element] = e.review;
      }
    } else {
      for (const s of d.elements) if (s.addresses) scores[s.element] = s.score;
    }
    return { documentId: d.documentId, title: d.title, key: d.key, process: d.process, type: d.type, meetingDate: d.meetingDate, scores, reviewed };
  });
}

export function processRows(rows: readonly CoverageDocumentRow[], elementIds: readonly ElementId[]): CoverageProcessRow[] {
  const byProcess = new Map<string, CoverageProcessRow>();
  for (const r of rows) {
    const name = r.process ?? NO_PROCESS;
    let row = byProcess.get(name);
    if (!row) {
      row = { process: name, documents: 0, counts: Object.fromEntries(elementIds.map((id) => [id, 0])) as Record<ElementId, number> };
      byProcess.set(name, row);
    }
    row.documents++;
    for (const id of elementIds) if (r.scores[id] !== null) row.counts[id]++;
  }
  return [...byProcess.values()].sort((a, b) => (a.process === NO_PROCESS ? 1 : b.process === NO_PROCESS ? -1 : a.process.localeCompare(b.process)));
}
