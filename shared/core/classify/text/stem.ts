import porterEn from 'natural/lib/natural/stemmers/porter_stemmer';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr';
import porterEs from 'natural/lib/natural/stemmers/porter_stemmer_es';
import type { Language } from './language';

const STEMMERS: Record<Language, (w: string) => string> = {
  en: (w) => porterEn.stem(w),
  fr: (w) => porterFr.stem(w),
  es: (w) => porterEs.stem(w),
};

// Porter stemming costs a few microseconds per call; a paragraph stream repeats the same few
// thousand words, so a bounded memo makes stemming nearly free after warm-up.
const MAX_CACHE = 200_000;
const caches: Record<Language, Map<string, string>> = { en: new Map(), fr: new Map(), es: new Map() };

export function stem(word: string, lang: Language): string {
  const cache = caches[lang];
  let s = cache.get(word);
  if (s === undefined) {
    s = STEMMERS[lang](word);
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(word, s);
  }
  return s;
}
