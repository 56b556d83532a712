/**
 * Labelled sets as documents for training and evaluation: real label files (PDFs of ../shared plus
 * paragraph labels) are extracted — through a file cache keyed by the PDF's hash and the extractor
 * version, so re-training parses nothing — and aligned with their labels; written gold files become
 * one-paragraph documents.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LabelledDocument } from '../../core/classify/train/types';
import { alignLabels, groupByDocument, parseGold, parseRealLabels } from '../../core/evaluate/index';
import { EXTRACTOR_VERSION, extractDocument, type ExtractedDocument } from '../../core/extract/index';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../../..');
export const SHARED_DIR = path.resolve(PROJECT_ROOT, '../shared');
const CACHE_DIR = path.join(PROJECT_ROOT, '.cache', 'extract');

/** Where a label file's `doc` lives: `corpus/…` under ../shared, anything else under ../shared/archive. */
export function pdfPathOf(doc: string, sharedDir = SHARED_DIR): string {
  return doc.startsWith('corpus/') ? path.join(sharedDir, doc) : path.join(sharedDir, 'archive', doc);
}

export class LabelledSetError extends Error {
  override readonly name = 'LabelledSetError';
}

/** Extracts a PDF, or reads the cached extraction of the same bytes by the same extractor. */
export async function extractCached(file: string): Promise<ExtractedDocument> {
  const bytes = new Uint8Array(readFileSync(file));
  const sha = createHash('sha256').update(bytes).digest('hex');
  const cached = path.join(CACHE_DIR, `${sha}-${EXTRACTOR_VERSION}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as ExtractedDocument;
  const result = await extractDocument(bytes);
  if (result.outcome !== 'ok') throw new LabelledSetError(`${file}: ${result.outcome} (${result.reason})`);
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, JSON.stringify(result.document));
  return result.document;
}

/**
 * Corpus files of one study share its name's first three parts (iom_eval_EU-IOM-JI-HoA_…): the brief,
 * the report and the response matrix of one evaluation are one group. Archive files stand alone.
 */
export function groupOf(doc: string): string {
  if (!doc.startsWith('corpus/')) return doc;
  return path.basename(doc, '.pdf').split('_').slice(0, 3).join('_');
}

export interface RealSet {
  documents: LabelledDocument[];
  /** Labels whose paragraph could not be found in today's extraction. */
  unmatched: number;
  labels: number;
}

export async function loadRealSet(labelFile: string, sharedDir = SHARED_DIR): Promise<RealSet> {
  const labels = parseRealLabels(readFileSync(labelFile, 'utf8'));
  const documents: LabelledDocument[] = [];
  let unmatched = 0;
  for (const [doc, docLabels] of groupByDocument(labels)) {
    const file = pdfPathOf(doc, sharedDir);
    if (!existsSync(file)) throw new LabelledSetError(`${labelFile}: ${doc} not found at ${file}`);
    const extracted = await extractCached(file);
    const aligned = alignLabels(docLabels, extracted.paragraphs);
    unmatched += aligned.unmatched;
    documents.push({
      id: doc,
      source: 'real',
      group: groupOf(doc),
      title: extracted.facts.title,
      paragraphs: extracted.paragraphs.map((p, i) => ({ index: p.index, text: p.text, kind: p.kind, elements: aligned.elements[i] })),
    });
  }
  return { documents, unmatched, labels: labels.length };
}

/** A written gold file ({id, text, elements}) as one-paragraph documents. */
export function loadWrittenSet(goldFile: string): LabelledDocument[] {
  const name = path.basename(goldFile, '.jsonl');
  return parseGold(readFileSync(goldFile, 'utf8')).map((g) => ({
    id: `${name}:${g.id}`,
    source: 'written' as const,
    paragraphs: [{ index: 0, text: g.text, elements: g.elements }],
  }));
}
