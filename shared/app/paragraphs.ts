/**
 * The paragraphs of a stored version, as the API serves them: text and layout from the extraction
 * cache entry the version was tagged from, tags from the version item. Joining the two is the one
 * place where stored tags meet paragraph text at read time, so anything keyed by a paragraph's text
 * (`textKey`, see core/extract/paragraph-key.ts), such as a reviewer's decisions, applies here.
 */
import { paragraphKey } from '../core/extract/paragraph-key';
import type { ElementId } from '../core/taxonomy/types';
import type { DocumentRepository, ExtractionCache } from './ports';
import type { Paragraph } from '../core/extract/types';
import type { DocumentRecord, StoredParagraph, StoredTag, StoredVersion } from './types';

/** An extracted paragraph with its tags, in the shape stored and served (OCR source and confidence kept). */
export function paragraphWithTags(p: Paragraph, tags: StoredTag[]): StoredParagraph {
  return {
    index: p.index,
    number: p.number,
    page: p.page,
    pageEnd: p.pageEnd,
    kind: p.kind,
    text: p.text,
    ...(p.source === 'ocr' ? { source: 'ocr' as const, confidence: p.confidence ?? 0 } : {}),
    tags,
  };
}

export interface ParagraphDeps {
  repo: Pick<DocumentRepository, 'getVersion'>;
  extractions: Pick<ExtractionCache, 'get'>;
}

/** The stored version and its paragraphs do not fit together (a missing or changed cache entry). */
export class ParagraphsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParagraphsUnavailableError';
  }
}

export async function readParagraphs(deps: ParagraphDeps, doc: DocumentRecord, version: string, element?: ElementId): Promise<StoredParagraph[]> {
  const stored = await deps.repo.getVersion(doc.documentId, version);
  if (!stored) throw new ParagraphsUnavailableError(`version ${version} of ${doc.documentId} is not stored`);
  return joinParagraphs(deps, doc, stored, element);
}

async function joinParagraphs(deps: ParagraphDeps, doc: DocumentRecord, stored: StoredVersion, element?: ElementId): Promise<StoredParagraph[]> {
  const version = stored.version;
  // A version names the cache entry it was tagged from (see paragraphSource in ./extraction.ts); one
  // written before scanned documents' entries were named after their paragraphs reads the
  // extractor's entry, which the text keys below check.
  const own = await deps.extractions.get(doc.sha256, stored.extractorVersion);
  const base = stored.extractorVersion.split('+ocr.')[0];
  const extraction = own ?? (base !== stored.extractorVersion ? await deps.extractions.get(doc.sha256, base) : undefined);
  if (!extraction || extraction.outcome !== 'ok') {
    throw new ParagraphsUnavailableError(`no cached extraction ${stored.extractorVersion} for ${doc.documentId}`);
  }
  const source = extraction.document.paragraphs;
  if (source.length !== stored.paragraphCount) {
    throw new ParagraphsUnavailableError(`cached extraction of ${doc.documentId} has ${source.length} paragraphs, version ${version} was tagged on ${stored.paragraphCount}`);
  }
  const byIndex = new Map(source.map((p) => [p.index, p]));
  const tagged = new Map(stored.tags.map((t) => [t.index, t]));
  for (const t of stored.tags) {
    const p = byIndex.get(t.index);
    if (!p || paragraphKey(p.text) !== t.textKey) {
      throw new ParagraphsUnavailableError(`paragraph ${t.index} of ${doc.documentId} is not the text version ${version} tagged`);
    }
  }
  const wanted = element ? source.filter((p) => tagged.get(p.index)?.tags.some((t) => t.element === element)) : source;
  return wanted.map((p) => paragraphWithTags(p, tagged.get(p.index)?.tags ?? []));
}

/** Reads the paragraphs of any stored version of a document (what reviews and exports read through). */
export interface ParagraphReader {
  /** The version's paragraphs with their tags; with `element`, only those tagged with it; [] for a version not stored. */
  listParagraphs(documentId: string, version: string, element?: ElementId): Promise<StoredParagraph[]>;
}

export function paragraphReader(deps: ParagraphDeps & { repo: Pick<DocumentRepository, 'getVersion' | 'getDocument'> }): ParagraphReader {
  return {
    async listParagraphs(documentId, version, element) {
      const [doc, stored] = await Promise.all([deps.repo.getDocument(documentId), deps.repo.getVersion(documentId, version)]);
      return doc && stored ? joinParagraphs(deps, doc, stored, element) : [];
    },
  };
}
