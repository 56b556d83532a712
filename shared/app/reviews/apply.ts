/**
 * Applying review decisions to the machine's results. Pure functions: callers load the decisions
 * and the stored results, and every read that serves tags goes through these, so a decision holds
 * wherever the same text is shown (see ./reviewed-reads.ts for where they are called).
 */
import type { ElementId, ThemeId } from '../../core/taxonomy/types';
import type { ElementScore, StoredParagraph } from '../types';
import { paragraphTextKey } from './text-key';
import { decisionApplies, type ReviewDecision, type ReviewMark, type ServedElement, type ServedParagraph, type ServedTag } from './types';

export function markOf(d: ReviewDecision): ReviewMark {
  return { verdict: d.verdict, reviewer: d.reviewer, at: d.at, ...(d.comment ? { comment: d.comment } : {}) };
}

/** Decisions by `<textKey>#<element>`. */
export function indexDecisions(decisions: readonly ReviewDecision[]): Map<string, ReviewDecision> {
  return new Map(decisions.map((d) => [`${d.textKey}#${d.element}`, d]));
}

/**
 * Each paragraph with the decisions on its text applied: rejected machine tags move to `rejected`,
 * confirmed ones carry their review, and elements a reviewer says apply but the machine did not tag
 * are added (source `reviewer`, no score), in element order after the machine's tags.
 */
export function applyToParagraphs(
  paragraphs: readonly StoredParagraph[],
  decisions: readonly ReviewDecision[],
  themeOf: (element: ElementId) => ThemeId,
): ServedParagraph[] {
  const byKey = new Map<string, ReviewDecision[]>();
  for (const d of decisions) byKey.set(d.textKey, [...(byKey.get(d.textKey) ?? []), d]);
  return paragraphs.map((p) => {
    const textKey = paragraphTextKey(p.text);
    const mine = byKey.get(textKey) ?? [];
    const served: ServedParagraph = { ...p, textKey, tags: [], rejected: [] };
    for (const tag of p.tags) {
      const d = mine.find((x) => x.element === tag.element);
      if (d && !decisionApplies(d)) served.rejected.push({ ...tag, review: markOf(d) });
      else served.tags.push({ ...tag, source: 'machine', ...(d ? { review: markOf(d) } : {}) });
    }
    const added = mine
      .filter((d) => decisionApplies(d) && !p.tags.some((t) => t.element === d.element))
      .sort((a, b) => a.element.localeCompare(b.element));
    for (const d of added) {
      served.tags.push({
        element: d.element,
        theme: themeOf(d.element),
        score: null,
        matchedTerms: [],
        tfidfTerms: [],
        source: 'reviewer',
        review: markOf(d),
      } satisfies ServedTag);
    }
    return served;
  });
}

/**
 * A document's elements after review. An element holds where at least one paragraph still carries
 * it; it is addressed when the machine said so, or when a reviewer says it applies somewhere, and
 * not any more once reviewers rejected every paragraph the machine tagged with it.
 */
export function applyToElements(machine: readonly ElementScore[], paragraphs: readonly ServedParagraph[]): ServedElement[] {
  const out = new Map<ElementId, ServedElement>();
  for (const s of machine) {
    out.set(s.element, {
      element: s.element,
      theme: s.theme,
      score: s.score,
      paragraphCount: 0,
      addresses: s.addresses,
      machine: { addresses: s.addresses, paragraphCount: s.paragraphCount },
    });
  }
  const reviewedIn = new Set<ElementId>();
  for (const p of paragraphs) {
    for (const t of p.tags) {
      let e = out.get(t.element);
      if (!e) {
        e = { element: t.element, theme: t.theme, score: null, paragraphCount: 0, addresses: false, machine: { addresses: false, paragraphCount: 0 } };
        out.set(t.element, e);
      }
      e.paragraphCount++;
      if (t.review) reviewedIn.add(t.element);
    }
  }
  const rejectedSomewhere = new Set(paragraphs.flatMap((p) => p.rejected.map((t) => t.element)));
  for (const e of out.values()) {
    if (reviewedIn.has(e.element)) {
      e.addresses = true;
      // Confirming a tag of an element the machine did not address (one paragraph, low score) adds it to the document.
      e.review = e.machine.addresses ? 'confirmed' : 'added';
    } else if (e.paragraphCount === 0 && rejectedSomewhere.has(e.element)) {
      e.addresses = false;
      e.review = 'rejected';
    }
  }
  return [...out.values()].sort((a, b) => a.element.localeCompare(b.element));
}
