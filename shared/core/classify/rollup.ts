/**
 * Document roll-up. RULE: a document ADDRESSES an element when at least one body paragraph
 * (any kind but 'heading') is tagged with it at score ≥ rollup.strongScore (0.7), or when at
 * least rollup.minParagraphs (2) body paragraphs are tagged with it. Headings never count:
 * a heading is a title for what follows, not a statement on the subject.
 *
 * Document score = best paragraph score × (0.8 for one tagged paragraph, 0.9 for two, 1.0 for
 * three or more), so corroborated elements rank above a single passing paragraph.
 */
import type { ElementId } from '../taxonomy/types';
import type { DocumentElementSummary, ParagraphInput, Tag } from './types';
import type { ClassifierParams } from './params';

export function summarise(
  paragraphs: ReadonlyArray<ParagraphInput & { tags: Tag[] }>,
  rollup: ClassifierParams['rollup'],
): DocumentElementSummary[] {
  const byElement = new Map<ElementId, { theme: Tag['theme']; hits: Array<{ index: number; score: number }> }>();
  for (const p of paragraphs) {
    if (p.kind === 'heading') continue;
    for (const tag of p.tags) {
      const entry = byElement.get(tag.element) ?? { theme: tag.theme, hits: [] };
      entry.hits.push({ index: p.index, score: tag.score });
      byElement.set(tag.element, entry);
    }
  }
  const out: DocumentElementSummary[] = [];
  for (const [element, { theme, hits }] of byElement) {
    hits.sort((a, b) => b.score - a.score || a.index - b.index);
    const best = hits[0].score;
    const n = hits.length;
    const corroboration = n >= 3 ? 1 : n === 2 ? 0.9 : 0.8;
    out.push({
      element,
      theme,
      paragraphCount: n,
      bestScore: round(best),
      score: round(best * corroboration),
      addresses: best >= rollup.strongScore || n >= rollup.minParagraphs,
      evidence: hits.slice(0, rollup.maxEvidence).map((h) => h.index),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.element.localeCompare(b.element));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
