/**
 * Publishing a new version of a document's results: write every paragraph and tag under the new
 * version first, then move the document's current version with a conditional update. Readers see
 * the old version or the new one, never a half-written one. Used by ingestion and reprocessing.
 */
import { buildIndexEntries } from './evidence';
import type { DocumentRepository, ExtractionFacts } from './ports';
import type { ElementSummary, StoredParagraph } from './types';

const SWITCH_ATTEMPTS = 5;

export interface NewVersion {
  documentId: string;
  version: string;
  /** The current version the caller started from (null for a document that has none yet). */
  expectedCurrent: string | null;
  paragraphs: StoredParagraph[];
  elements: ElementSummary[];
  facts: ExtractionFacts;
}

export async function publishVersion(repo: DocumentRepository, v: NewVersion): Promise<void> {
  await repo.writeVersion({ documentId: v.documentId, version: v.version, paragraphs: v.paragraphs, elements: v.elements });
  const index = buildIndexEntries(v.elements, v.paragraphs);
  let expected = v.expectedCurrent;
  for (let attempt = 1; ; attempt++) {
    const switched = await repo.switchVersion({
      documentId: v.documentId,
      version: v.version,
      expectedCurrent: expected,
      elements: v.elements,
      paragraphCount: v.paragraphs.length,
      facts: v.facts,
      index,
    });
    if (switched) return;
    // Another writer switched in between: if to this very version, the work is done; else switch from what is current now.
    const now = await repo.getDocument(v.documentId);
    if (now?.currentVersion === v.version && !now.switchPending) return;
    if (attempt >= SWITCH_ATTEMPTS) throw new Error(`could not switch ${v.documentId} to ${v.version}: concurrent writers`);
    expected = now?.currentVersion ?? null;
  }
}
