/** A version's paragraphs as the API serves them (cached text joined with stored tags); [] once the version is gone. */
import type { DocumentRepository, ExtractionCache } from '../../shared/app/ports';
import { readParagraphs } from '../../shared/app/paragraphs';
import type { StoredParagraph } from '../../shared/app/types';

export async function storedParagraphs(
  repo: DocumentRepository,
  cache: Pick<ExtractionCache, 'get'>,
  documentId: string,
  version: string,
): Promise<StoredParagraph[]> {
  const doc = await repo.getDocument(documentId);
  if (!doc || !(await repo.getVersion(documentId, version))) return [];
  return readParagraphs({ repo, extractions: cache }, doc, version);
}
