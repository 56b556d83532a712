/** What a new version changes for a document, element by element, from the two versions' summaries. */
import type { ElementScore } from '../types';
import type { DocumentChange, ElementCountChange } from './types';

export function compareSummaries(before: readonly ElementScore[], after: readonly ElementScore[]): DocumentChange {
  const old = new Map(before.map((s) => [s.element, s]));
  const now = new Map(after.map((s) => [s.element, s]));
  const elements = [...new Set([...old.keys(), ...now.keys()])].sort();
  const gained = elements.filter((e) => now.get(e)?.addresses && !old.get(e)?.addresses);
  const lost = elements.filter((e) => old.get(e)?.addresses && !now.get(e)?.addresses);
  const recounted: ElementCountChange[] = [];
  for (const e of elements) {
    if (gained.includes(e) || lost.includes(e)) continue;
    const b = old.get(e)?.paragraphCount ?? 0;
    const a = now.get(e)?.paragraphCount ?? 0;
    if (a !== b) recounted.push({ element: e, before: b, after: a });
  }
  return { gained, lost, recounted };
}

export function hasChanges(c: DocumentChange): boolean {
  return c.gained.length + c.lost.length + c.recounted.length > 0;
}
