/**
 * A generated archive for the query benchmark: thousands of documents written straight through the
 * repository adapter (no PDFs parsed), each made of real paragraphs tagged by the real classifier.
 * A few dozen document templates are classified once; document i is template i mod K with its own
 * identity, metadata and slightly varied scores, so rankings interleave documents rather than
 * repeating blocks. Deterministic: the same i always gives the same document.
 */
import { createHash } from 'node:crypto';
import type { Classifier } from '../../shared/core/classify/types';
import { buildIndexEntries } from '../../shared/app/evidence';
import { paragraphTags } from '../../shared/app/publish';
import { toElementSummary, toStoredTag } from '../../shared/app/ingest';
import type { DocumentRepository, IndexEntry, NewDocument } from '../../shared/app/ports';
import { DOCUMENT_TYPES, type ElementSummary, type StoredParagraph } from '../../shared/app/types';

export interface DocumentTemplate {
  paragraphs: StoredParagraph[];
  elements: ElementSummary[];
}

export interface GeneratedDocument {
  doc: NewDocument;
  version: string;
  paragraphs: StoredParagraph[];
  elements: ElementSummary[];
  index: IndexEntry[];
  title: string;
}

export const PROCESSES = ['Bali Process', 'Budapest Process', 'Rabat Process', 'GFMD', 'UN General Assembly'];

/**
 * K templates of `perDocument` paragraphs each, drawn from the paragraphs that the classifier tags
 * (a document in the archive addresses some elements), mixing distant paragraphs so templates differ.
 */
export function buildTemplates(texts: readonly string[], classifier: Classifier, count: number, perDocument: number): DocumentTemplate[] {
  const tagged = texts.map((text) => ({ text, tags: classifier.classifyText(text) })).filter((p) => p.tags.length > 0);
  if (tagged.length < perDocument) throw new RangeError(`only ${tagged.length} tagged paragraphs; need at least ${perDocument}`);
  const templates: DocumentTemplate[] = [];
  for (let t = 0; t < count; t++) {
    const chosen = Array.from({ length: perDocument }, (_, j) => tagged[(t * perDocument + j * 37) % tagged.length]);
    const withIndex = chosen.map((p, index) => ({ index, text: p.text, kind: 'operative' }));
    // Tagged again as one document: in their new neighbourhood, as ingestion would tag them.
    const result = classifier.classifyDocument(withIndex);
    const paragraphs: StoredParagraph[] = withIndex.map((p, i) => ({
      index: p.index,
      number: String(p.index + 1),
      page: 1 + Math.floor(p.index / 3),
      pageEnd: 1 + Math.floor(p.index / 3),
      kind: 'operative',
      text: p.text,
      tags: result.paragraphs[i].map(toStoredTag),
    }));
    const elements: ElementSummary[] = result.elements.map(toElementSummary);
    templates.push({ paragraphs, elements });
  }
  return templates;
}

/** A number in [0, 1) that is fixed for i (golden-ratio sequence): varies scores without randomness. */
function spread(i: number): number {
  return (i * 0.6180339887498949) % 1;
}

export function generateDocument(i: number, templates: readonly DocumentTemplate[], version: string): GeneratedDocument {
  const template = templates[i % templates.length];
  const documentId = createHash('sha256').update(`bench-document-${i}`).digest('hex');
  const jitter = 0.85 + 0.15 * spread(i);
  const elements = template.elements.map((e) => ({ ...e, score: Math.round(e.score * jitter * 1000) / 1000 }));
  const date = new Date(Date.UTC(2005, 0, 1) + (i % 7000) * 86_400_000).toISOString().slice(0, 10);
  const title = `Generated document ${i}`;
  return {
    doc: {
      documentId,
      sha256: documentId,
      bucket: 'gcm-bench',
      key: `uploads/generated/document-${i}.pdf`,
      byteLength: 400_000 + (i % 100) * 1000,
      process: PROCESSES[i % PROCESSES.length],
      type: DOCUMENT_TYPES[i % DOCUMENT_TYPES.length],
      meetingDate: date,
    },
    version,
    paragraphs: template.paragraphs,
    elements,
    index: buildIndexEntries(elements, template.paragraphs),
    title,
  };
}

/** Writes one generated document the way ingestObject does: register, write the version, switch to it. */
export async function writeGenerated(repo: DocumentRepository, g: GeneratedDocument): Promise<void> {
  await repo.registerDocument(g.doc);
  await repo.writeVersion({
    documentId: g.doc.documentId,
    version: g.version,
    extractorVersion: 'bench',
    paragraphCount: g.paragraphs.length,
    elements: g.elements,
    tags: paragraphTags(g.paragraphs),
    index: g.index,
    metadata: g.doc,
  });
  const switched = await repo.switchVersion({
    documentId: g.doc.documentId,
    version: g.version,
    expectedCurrent: null,
    elements: g.elements,
    paragraphCount: g.paragraphs.length,
    facts: { title: g.title, pages: 20, language: 'en', extractorVersion: 'bench' },
  });
  if (!switched) throw new Error(`generated document ${g.doc.documentId} was already switched`);
}
