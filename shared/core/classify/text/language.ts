/**
 * A cheap language guess for one paragraph, from counts of very common function words. It only
 * needs to choose the stemmer and lexicon; anything unclear is treated as English.
 */
export type Language = 'en' | 'fr' | 'es';

const MARKERS: Record<Language, readonly string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'on'],
  fr: ['le', 'les', 'des', 'et', 'du', 'est', 'une', 'dans', 'pour', 'sur', 'au', 'aux'],
  es: ['el', 'los', 'las', 'y', 'del', 'es', 'una', 'por', 'para', 'con', 'que', 'se'],
};

/** word → languages it marks, so each token costs one lookup. */
const MARKER_INDEX = new Map<string, Language[]>();
for (const [lang, words] of Object.entries(MARKERS) as Array<[Language, readonly string[]]>) {
  for (const w of words) MARKER_INDEX.set(w, [...(MARKER_INDEX.get(w) ?? []), lang]);
}

/** Enough words to decide; long paragraphs do not change their language halfway. */
export const LANGUAGE_SAMPLE = 80;

export function guessLanguage(normTokens: readonly string[]): Language {
  const score: Record<Language, number> = { en: 0, fr: 0, es: 0 };
  const n = Math.min(normTokens.length, LANGUAGE_SAMPLE);
  for (let i = 0; i < n; i++) {
    const langs = MARKER_INDEX.get(normTokens[i]);
    if (langs) for (const l of langs) score[l]++;
  }
  // English wins ties: French and Spanish need a clear majority over it.
  if (score.fr > score.en && score.fr >= score.es) return 'fr';
  if (score.es > score.en && score.es > score.fr) return 'es';
  return 'en';
}
