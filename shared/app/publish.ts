/**
 * Publishing a new version of a document's results: write the version (summary, every tagged
 * paragraph's tags, ranking entries) first, then move the document's current version with a
 * conditional update.
 * Readers see the old version or the new one, never a half-written one. Used by ingestion and
 * reprocessing. Paragraph text is not written: it stays in the extraction cache of `extractorVersion`.
 */
import { paragraphKey } from '../core/extract/paragraph-key';
import { buildIndexEntries } from './evidence';
import type { DocumentRepository, ExtractionFacts } from './ports';
import type { ElementSummary, ParagraphTags, StoredParagraph, UploadMetadata } from './types';
import type { VersionWrite } from './ports';

const SWITCH_ATTEMPTS = 5;

export interface NewVersion {
  documentId: string;
  version: string;
  /** The current version the caller started from (null for a document that has none yet). */
  expectedCurrent: string | null;
  /**
   * The extraction cache entry the paragraphs are read from (what readers fetch them by): the
   * extractor version, with a name of their own for documents with scanned pages (paragraphSource).
   */
  extractorVersion: string;
  paragraphs: StoredParagraph[];
  elements: ElementSummary[];
  facts: ExtractionFacts;
  /** The document's upload metadata (ranking entries carry it for their filters). */
  metadata: UploadMetadata;
}

/** What a version keeps of its paragraphs: the tags of the tagged ones, and the key of their text. */
export function paragraphTags(paragraphs: StoredParagraph[]): ParagraphTags[] {
  return paragraphs.filter((p) => p.tags.length > 0).map((p) => ({ index: p.index, textKey: paragraphKey(p.text), tags: p.tags }));
}

/** The items a new version stores (what writeVersion and writeVersions take). */
export function versionWrite(v: NewVersion): VersionWrite {
  return {
    documentId: v.documentId,
    version: v.version,
    extractorVersion: v.extractorVersion,
    paragraphCount: v.paragraphs.length,
    elements: v.elements,
    tags: paragraphTags(v.paragraphs),
    index: buildIndexEntries(v.elements, v.paragraphs),
    metadata: { process: v.metadata.process, type: v.metadata.type, meetingDate: v.metadata.meetingDate },
  };
}

export async function publishVersion(repo: DocumentRepository, v: NewVersion): Promise<void> {
  await repo.writeVersion(versionWrite(v));
  await switchToVersion(repo, v);
}

/**
 * Publishes the new versions of several documents: their items are written together (shared batch
 * writes), then each written document is switched with its own conditional update. A document that
 * fails at either step is returned with its error and does not hold the others back; it keeps
 * serving the version it had (or, if only its clean-up failed, stays marked for it).
 */
export async function publishVersions(repo: DocumentRepository, versions: readonly NewVersion[]): Promise<Map<string, Error>> {
  if (versions.length === 0) return new Map();
  const failures = await repo.writeVersions(versions.map(versionWrite));
  await Promise.all(
    versions
      .filter((v) => !failures.has(v.documentId))
      .map(async (v) => {
        try {
          await switchToVersion(repo, v);
        } catch (err) {
          failures.set(v.documentId, err as Error);
        }
      }),
  );
  return failures;
}

/** The conditional switch to a written version, re-read and retried when another writer switched in between. */
async function switchToVersion(repo: DocumentRepository, v: NewVersion): Promise<void> {
  let expected = v.expectedCurrent;
  for (let attempt = 1; ; attempt++) {
    const switched = await repo.switchVersion({
      documentId: v.documentId,
      version: v.version,
      expectedCurrent: expected,
      elements: v.elements,
      paragraphCount: v.paragraphs.length,
      facts: v.facts,
    });
    if (switched) return;
    // Another writer switched in between: if to this very version, the work is done; else switch from what is current now.
    const now = await repo.getDocument(v.documentId);
    if (now?.currentVersion === v.version && !now.switchPending) return;
    if (attempt >= SWITCH_ATTEMPTS) throw new Error(`could not switch ${v.documentId} to ${v.version}: concurrent writers`);
    expected = now?.currentVersion ?? null;
  }
}
