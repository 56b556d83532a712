/**
 * A large, varied paragraph set for the classification benchmark: real paragraphs repeated with
 * small deterministic edits (sentences rotated, one word dropped), so that no copy is identical to
 * another and a classifier cannot be sped up by a cache of texts it has already seen.
 */

/** Splits after sentence-ending punctuation followed by a space. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.;:!?])\s+/).filter(Boolean);
}

/**
 * The `copy`-th variant of a paragraph (copy 0 is the paragraph itself): copy c drops word
 * (c - 1) mod n of the paragraph with its sentences rotated by floor((c - 1) / n), so variants are
 * distinct until every (rotation, word) pair is used; after that a counter keeps them apart.
 */
export function variant(text: string, copy: number): string {
  if (copy === 0) return text;
  const parts = sentences(text);
  const wordCount = text.split(' ').length;
  const k = copy - 1;
  const shift = Math.floor(k / wordCount) % parts.length;
  const rotated = [...parts.slice(shift), ...parts.slice(0, shift)].join(' ');
  const words = rotated.split(' ');
  const drop = k % words.length;
  const edited = [...words.slice(0, drop), ...words.slice(drop + 1)].join(' ');
  return k < wordCount * parts.length ? edited : `${edited} (${copy})`;
}

/**
 * `target` paragraphs cycling through `sources` (blank ones ignored), each cycle a new variant.
 * Throws when there is nothing to build from.
 */
export function buildParagraphSet(sources: readonly string[], target: number): string[] {
  const usable = sources.map((s) => s.trim()).filter((s) => s.length > 0);
  if (usable.length === 0) throw new RangeError('no non-empty paragraph to build the set from');
  if (!Number.isInteger(target) || target < 0) throw new RangeError(`target must be a non-negative integer, got ${target}`);
  const out: string[] = [];
  for (let i = 0; i < target; i++) out.push(variant(usable[i % usable.length], Math.floor(i / usable.length)));
  return out;
}
