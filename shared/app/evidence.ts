/** Builds what the ranking index stores for a document: per element and per theme, score and best paragraphs. */
import type { ElementId, ThemeId } from '../core/taxonomy/types';
import { snippetWithHighlights, spansOfTerms } from './highlights';
import type { IndexEntry } from './ports';
import type { ElementSummary, EvidenceParagraph, StoredParagraph, StoredTag } from './types';

/** Short enough that a ranking entry with three snippets stays within one 1 KB write unit. */
const SNIPPET_CHARS = 160;
const EVIDENCE_PER_ENTRY = 3;

/** A window of the paragraph around its first matched term, cut at word boundaries. */
export function snippetOf(text: string, terms: string[], max = SNIPPET_CHARS): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const lower = clean.toLowerCase();
  const hit = terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
  let start = Math.max(0, hit - Math.floor(max / 3));
  let end = Math.min(clean.length, start + max);
  start = Math.max(0, end - max);
  if (start > 0) start = clean.indexOf(' ', start) + 1 || start;
  if (end < clean.length) end = clean.lastIndexOf(' ', end) > start ? clean.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${clean.slice(start, end)}${end < clean.length ? '…' : ''}`;
}

function evidenceFor(p: StoredParagraph, element: ElementId): EvidenceParagraph | undefined {
  const tag = p.tags.find((t) => t.element === element);
  return tag ? evidenceOf(p, tag) : undefined;
}

/** One paragraph as evidence of one of its tags: a snippet around the matched terms, with their spans in it. */
export function evidenceOf(
  p: Pick<StoredParagraph, 'index' | 'number' | 'page' | 'text'>,
  tag: Pick<StoredTag, 'matchedTerms' | 'spans' | 'score'>,
): EvidenceParagraph {
  const { snippet, highlights } = snippetWithHighlights(p.text, tag.spans ?? spansOfTerms(p.text, tag.matchedTerms), SNIPPET_CHARS);
  return {
    index: p.index,
    number: p.number,
    page: p.page,
    snippet,
    matchedTerms: tag.matchedTerms,
    score: tag.score,
    highlights,
  };
}

export function buildIndexEntries(elements: ElementSummary[], paragraphs: StoredParagraph[]): IndexEntry[] {
  const byIndex = new Map(paragraphs.map((p) => [p.index, p]));
  const entries: IndexEntry[] = [];
  const themes = new Map<ThemeId, { score: number; paragraphs: Set<number>; evidence: EvidenceParagraph[] }>();
  for (const s of elements) {
    if (!s.addresses) continue;
    const evidence = s.evidence
      .map((i) => byIndex.get(i))
      .filter((p): p is StoredParagraph => p !== undefined)
      .map((p) => evidenceFor(p, s.element))
      .filter((e): e is EvidenceParagraph => e !== undefined)
      .slice(0, EVIDENCE_PER_ENTRY);
    entries.push({ target: { kind: 'element', id: s.element }, score: s.score, paragraphCount: s.paragraphCount, evidence });
    const theme = themes.get(s.theme) ?? { score: 0, paragraphs: new Set<number>(), evidence: [] };
    theme.score = Math.max(theme.score, s.score);
    for (const p of paragraphs) if (p.tags.some((t) => t.element === s.element)) theme.paragraphs.add(p.index);
    theme.evidence.push(...evidence);
    themes.set(s.theme, theme);
  }
  for (const [id, t] of themes) {
    const seen = new Set<number>();
    const evidence = t.evidence
      .sort((a, b) => b.score - a.score)
      .filter((e) => !seen.has(e.index) && seen.add(e.index))
      .slice(0, EVIDENCE_PER_ENTRY);
    entries.push({ target: { kind: 'theme', id }, score: t.score, paragraphCount: t.paragraphs.size, evidence });
  }
  return entries;
}
