/**
 * Labelled real documents: JSON Lines of {doc, index, textHash, elements}, one line per paragraph
 * of a PDF of ../shared (see test/fixtures/real/LABELLING.md). A label is keyed by its paragraph's
 * text hash as well as its index, so it still finds its paragraph when a later extractor renumbers
 * the document, and a label whose paragraph is gone is reported rather than silently misapplied.
 */
import { createHash } from 'node:crypto';
import { isElementId } from '../taxonomy/index';
import type { ElementId } from '../taxonomy/types';
import { GoldFormatError } from './gold';

export interface RealLabel {
  /** PDF path relative to ../shared/archive, or corpus/… for ../shared/corpus. */
  doc: string;
  index: number;
  textHash: string;
  elements: ElementId[];
}

/** The first 12 hex digits of the SHA-256 of a paragraph's text. */
export function paragraphTextHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

export function parseRealLabels(content: string): RealLabel[] {
  const out: RealLabel[] = [];
  const seen = new Set<string>();
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(raw);
    } catch {
      throw new GoldFormatError(line, 'not valid JSON');
    }
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new GoldFormatError(line, 'expected a JSON object');
    if (typeof o.doc !== 'string' || !/^[\w./-]+\.pdf$/.test(o.doc) || o.doc.includes('..')) throw new GoldFormatError(line, '"doc" must be a relative .pdf path');
    if (!Number.isInteger(o.index) || (o.index as number) < 0) throw new GoldFormatError(line, '"index" must be a paragraph index');
    if (typeof o.textHash !== 'string' || !/^[0-9a-f]{12}$/.test(o.textHash)) throw new GoldFormatError(line, '"textHash" must be 12 hex digits');
    if (!Array.isArray(o.elements)) throw new GoldFormatError(line, '"elements" must be an array');
    for (const e of o.elements) if (!isElementId(e)) throw new GoldFormatError(line, `unknown element ${JSON.stringify(e)} (want a–x)`);
    const key = `${o.doc}#${o.index}`;
    if (seen.has(key)) throw new GoldFormatError(line, `duplicate label for ${key}`);
    seen.add(key);
    out.push({ doc: o.doc, index: o.index as number, textHash: o.textHash, elements: [...new Set(o.elements as ElementId[])] });
  });
  if (out.length === 0) throw new GoldFormatError(0, 'no labels');
  return out;
}

/** Labels grouped by document, in file order. */
export function groupByDocument(labels: readonly RealLabel[]): Map<string, RealLabel[]> {
  const out = new Map<string, RealLabel[]>();
  for (const l of labels) {
    const list = out.get(l.doc) ?? [];
    list.push(l);
    out.set(l.doc, list);
  }
  return out;
}

/**
 * Elements per paragraph position of an extracted document: a label applies where index and hash
 * agree, else to the one paragraph with its hash; `unmatched` counts labels that found neither.
 */
export function alignLabels(
  labels: readonly RealLabel[],
  paragraphs: ReadonlyArray<{ index: number; text: string }>,
): { elements: Array<ElementId[] | null>; unmatched: number } {
  const hashes = paragraphs.map((p) => paragraphTextHash(p.text));
  const byHash = new Map<string, number[]>();
  hashes.forEach((h, i) => byHash.set(h, [...(byHash.get(h) ?? []), i]));
  const elements: Array<ElementId[] | null> = paragraphs.map(() => null);
  let unmatched = 0;
  for (const l of labels) {
    const at = paragraphs.findIndex((p) => p.index === l.index);
    if (at >= 0 && hashes[at] === l.textHash) { elements[at] = l.elements; continue; }
    const candidates = byHash.get(l.textHash) ?? [];
    if (candidates.length === 1) elements[candidates[0]] = l.elements;
    else unmatched++;
  }
  return { elements, unmatched };
}
