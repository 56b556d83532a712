import porterEn from 'natural/lib/natural/stemmers/porter_stemmer';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr';
import porterEs from 'natural/lib/natural/stemmers/porter_stemmer_es';
import type { Language } from './language';

const STEMMERS: Record<Language, (w: string) => string> = {
  en: (w) => OVERRIDES_EN[w] ?? porterEn.stem(w),
  fr: (w) => porterFr.stem(w),
  es: (w) => porterEs.stem(w),
};

/**
 * Words whose Porter stems collide with unrelated words that matter here ("mobility" and
 * "mobilizing" both give "mobil"; "nationals" and "Nations" both give "nation", and "nationals"
 * must not match the adjective "national"; "regularization"
 * gives "regular"). They get their own stems, applied alike to lexicon and text. Changing this
 * table changes matching: rebuild model/idf.json afterwards.
 */
const OVERRIDES_EN: Record<string, string> = {};
const override = (stemValue: string, words: string) => {
  for (const w of words.split(' ')) OVERRIDES_EN[w] = stemValue;
};
override('mobility', 'mobility mobilities');
override('national', 'national nationally');
// The noun "nationals" (people) must not match the adjective in "national development plan".
override('nationals', 'nationals');
override('nationality', 'nationality nationalities');
override('regulariz', 'regularization regularisation regularizations regularisations regularize regularise regularized regularised regularizing regularising');
override('legaliz', 'legalization legalisation legalize legalise legalized legalised legalizing legalising');
override('responsibl', 'responsibility responsibilities responsible');
override('totaliz', 'totalization totalisation');
override('organiz', 'organization organizations organisation organisations organize organise organized organised organizing organising organizer organizers');
override('community', 'community communities');
// "trafficked persons" (the victims, element l) must not match "trafficking in persons" (the crime, k).
override('trafficked', 'trafficked');

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
