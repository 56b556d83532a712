/**
 * The per-element line of a document's current version as the document item keeps it: one short
 * string, `k6+5:0.912 c1-1:0.41` (element, theme, `+` addressed or `-` not, tagged paragraphs,
 * score). Listings, the coverage matrix and change reports read it; the full summary (best score,
 * evidence) stays in the version item. A string rather than a list of maps keeps the document item
 * (written four times per ingestion, and copied into both indexes) well under 1 KB.
 */
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import type { ElementScore } from '../../app/types';

const ENTRY = /^([a-x])([1-6])([+-])(\d{1,5}):(\d(?:\.\d+)?)$/;

export function encodeElementScores(elements: readonly ElementScore[]): string {
  return elements.map((e) => `${e.element}${e.theme}${e.addresses ? '+' : '-'}${e.paragraphCount}:${e.score}`).join(' ');
}

export function decodeElementScores(text: unknown): ElementScore[] {
  if (typeof text !== 'string' || text === '') return [];
  return text.split(' ').flatMap((part) => {
    const m = ENTRY.exec(part);
    if (!m) return [];
    return [{ element: m[1] as ElementId, theme: Number(m[2]) as ThemeId, addresses: m[3] === '+', paragraphCount: Number(m[4]), score: Number(m[5]) }];
  });
}
