import type { LanguageCode } from './types';

/**
 * Function words that are frequent in one language and rare in the other two (shared words such as
 * "de", "la", "en", "que" are left out on purpose: they cannot tell French from Spanish).
 */
const MARKERS: Record<Exclude<LanguageCode, 'und'>, Set<string>> = {
  en: new Set(['the', 'and', 'of', 'to', 'is', 'that', 'for', 'with', 'on', 'as', 'by', 'are', 'this', 'be', 'which', 'have', 'its', 'from']),
  fr: new Set(['le', 'les', 'des', 'et', 'du', 'une', 'est', 'dans', 'pour', 'qui', 'sur', 'au', 'aux', 'sont', 'avec', 'ces', 'cette', 'leur', 'ont']),
  es: new Set(['el', 'los', 'las', 'del', 'y', 'una', 'con', 'para', 'por', 'al', 'como', 'su', 'sus', 'lo', 'este', 'esta', 'fue', 'entre', 'sobre']),
};

/** Guesses en/fr/es from function-word frequencies; `und` when there is too little evidence. */
export function detectLanguage(text: string): LanguageCode {
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (tokens.length === 0) return 'und';
  let best: LanguageCode = 'und';
  let bestCount = 0;
  for (const [code, words] of Object.entries(MARKERS) as [Exclude<LanguageCode, 'und'>, Set<string>][]) {
    let count = 0;
    for (const token of tokens) if (words.has(token)) count++;
    if (count > bestCount) {
      best = code;
      bestCount = count;
    }
  }
  // Require a few hits and a plausible density, so that a list of names is not called English.
  if (bestCount < 3 || bestCount / tokens.length < 0.04) return 'und';
  return best;
}
