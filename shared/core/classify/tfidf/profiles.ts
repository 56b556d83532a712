/**
 * Element profiles for TF-IDF: each element is described by its label and official wording, its
 * theme's wording (at a lower weight) and the content words of its lexicon terms, weighted by the
 * term weights. Built at load time from the taxonomy data, so a lexicon edit changes the profile
 * without rebuilding the IDF model.
 */
import type { Lexicon } from '../../taxonomy/lexicon-types';
import type { Taxonomy } from '../../taxonomy/types';
import { analyse } from '../text/analyse';
import { stem } from '../text/stem';
import { idfOf, isTopical, type IdfModel } from './vectors';

const WORDING_WEIGHT = 1;
const THEME_WEIGHT = 0.3;

/**
 * `prose` (optional): per element, descriptive paragraphs of the many ways documents talk about it
 * (data/gcm/profiles.en.json), added at `proseWeight`. They give the profile the vocabulary of
 * paraphrase ("money families receive from relatives abroad") that the lexicon's phrases lack.
 */
export function buildProfiles(
  taxonomy: Taxonomy,
  lexicon: Lexicon,
  idf: IdfModel,
  prose?: Partial<Record<string, string>>,
  proseWeight = 0.5,
): Array<Map<string, number>> {
  return taxonomy.elements.map((el) => {
    const p = new Map<string, number>();
    const add = (s: string, w: number) => p.set(s, (p.get(s) ?? 0) + w * idfOf(idf, s));
    const addText = (text: string, w: number) => {
      for (const t of analyse(text, 'en').tokens) if (isTopical(t)) add(t.stem, w);
    };
    addText(`${el.label}. ${el.wording}`, WORDING_WEIGHT);
    const theme = taxonomy.themes.find((t) => t.id === el.theme);
    if (theme) addText(theme.wording, THEME_WEIGHT);
    const description = prose?.[el.id];
    if (description && proseWeight > 0) addText(description, proseWeight);
    for (const [pattern, weight] of lexicon.elements[el.id]?.terms ?? []) {
      for (const part of pattern.split('~')) {
        for (const word of part.trim().split(/\s+/)) {
          // A prefix pattern contributes the stem of its prefix ("remittance*" → "remitt").
          const bare = word.replace(/\*$/, '');
          for (const t of analyse(bare, 'en').tokens) if (isTopical(t)) add(word.endsWith('*') ? stem(t.norm, 'en') : t.stem, weight);
        }
      }
    }
    return p;
  });
}
