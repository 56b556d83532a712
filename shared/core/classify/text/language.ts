/**
 * A cheap language guess for one paragraph, from counts of very common function words. It only
 * needs to choose the stemmer and lexicon; anything unclear is treated as English.
 */
export type Language = 'en' | 'fr' | 'es';

const MARKERS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'with', 'on']),
  fr: new Set(['le', 'les', 'des', 'et', 'du', 'est', 'une', 'dans', 'pour', 'sur', 'au', 'aux']),
  es: new Set(['el', 'los', 'las', 'y', 'del', 'es', 'una', 'por', 'para', 'con', 'que', 'se']),
};

export function guessLanguage(normTokens: readonly string[]): Language {
  const score: Record<Language, number> = { en: 0, fr: 0, es: 0 };
  for (const t of normTokens) {
    for (const lang of ['en', 'fr', 'es'] as const) if (MARKERS[lang].has(t)) score[lang]++;
  }
  // English wins ties: French and Spanish need a clear majority over it.
  if (score.fr > score.en && score.fr >= score.es) return 'fr';
  if (score.es > score.en && score.es > score.fr) return 'es';
  return 'en';
}
