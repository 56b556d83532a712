/**
 * Function words per language. In phrase matching they may be skipped in the text between the
 * content words of a lexicon phrase ("cost of transfers" ~ "transfer costs"), and they are left
 * out of TF-IDF vectors. Negation-like words (no, not, without) are deliberately NOT listed:
 * they change meaning ("without papers", "no right to stay").
 */
import type { Language } from './language';

const EN = `a an the and or but nor of to in on at by for from with into onto upon as is are was were be been being
it its this that these those their them they there here his her he she we our us you your i me my which who whom whose
what when where while than then so such also both either each any all some more most other same very can could may might
shall should will would must do does did done has have had having about over under between among through during within
s t per via etc ie eg`;

const FR = `le la les l un une des du de d et ou en au aux a dans par pour sur avec sans que qui quoi dont ce cet cette ces
son sa ses leur leurs il elle ils elles nous vous on se s est sont ete etre a ont avoir y ne pas plus tout tous toute toutes`;

const ES = `el la los las lo un una unos unas de del y o u en a al por para con sin que quien cual este esta estos estas ese
esa su sus se es son ser fue ha han haber como mas muy nos les le todo todos toda todas`;

const toSet = (s: string) => new Set(s.split(/\s+/).filter(Boolean));

export const STOPWORDS: Record<Language, ReadonlySet<string>> = {
  en: toSet(EN),
  fr: toSet(FR),
  es: toSet(ES),
};
