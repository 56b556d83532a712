/**
 * The GCM taxonomy (24 elements, 6 themes) and its per-language lexicons, loaded from the JSON
 * data under ./data/gcm. The version is a hash of that data, so editing a term changes it.
 */
import taxonomyData from './data/gcm/taxonomy.json' with { type: 'json' };
import lexiconEn from './data/gcm/lexicon.en.json' with { type: 'json' };
import lexiconFr from './data/gcm/lexicon.fr.json' with { type: 'json' };
import lexiconEs from './data/gcm/lexicon.es.json' with { type: 'json' };
import { TaxonomyDataError } from './errors';
import { shortHash } from './hash';
import type { Lexicon, LexiconLanguage } from './lexicon-types';
import type { Element, ElementId, Taxonomy, Theme, ThemeId } from './types';
import { validateLexicon, validateTaxonomy } from './validate';

export type { Element, ElementId, Taxonomy, Theme, ThemeId } from './types';
export type { ElementLexicon, Lexicon, LexiconLanguage, LexiconTerm, Subject, SubjectCues } from './lexicon-types';
export { SUBJECTS } from './lexicon-types';
export { TaxonomyDataError } from './errors';
export { shortHash } from './hash';

export interface TaxonomyBundle {
  taxonomy: Taxonomy;
  lexicons: Record<LexiconLanguage, Lexicon>;
}

/** Builds a bundle from raw data; exposed so tests and future taxonomies can supply their own. */
export function buildTaxonomyBundle(raw: { taxonomy: unknown; lexicons: unknown[] }): TaxonomyBundle {
  const base = validateTaxonomy(raw.taxonomy);
  const ids = base.elements.map((e) => e.id);
  const lexicons = {} as Record<LexiconLanguage, Lexicon>;
  for (const l of raw.lexicons) {
    const lx = validateLexicon(l, ids);
    lexicons[lx.language] = lx;
  }
  if (!lexicons.en) throw new TaxonomyDataError('an English lexicon is required');
  const version = `${base.id}-${shortHash(base, lexicons)}`;
  return { taxonomy: { ...base, version }, lexicons };
}

let cached: TaxonomyBundle | undefined;

/** The built-in GCM taxonomy and lexicons, validated once and cached. */
export function loadTaxonomyBundle(): TaxonomyBundle {
  cached ??= buildTaxonomyBundle({ taxonomy: taxonomyData, lexicons: [lexiconEn, lexiconFr, lexiconEs] });
  return cached;
}

export function loadTaxonomy(): Taxonomy {
  return loadTaxonomyBundle().taxonomy;
}

export const ELEMENT_IDS: readonly ElementId[] = 'abcdefghijklmnopqrstuvwx'.split('') as ElementId[];

export function isElementId(value: unknown): value is ElementId {
  return typeof value === 'string' && (ELEMENT_IDS as readonly string[]).includes(value);
}

export function getElement(id: ElementId, taxonomy: Taxonomy = loadTaxonomy()): Element {
  const el = taxonomy.elements.find((e) => e.id === id);
  if (!el) throw new TaxonomyDataError(`unknown element ${id}`);
  return el;
}

export function getTheme(id: ThemeId, taxonomy: Taxonomy = loadTaxonomy()): Theme {
  const th = taxonomy.themes.find((t) => t.id === id);
  if (!th) throw new TaxonomyDataError(`unknown theme ${id}`);
  return th;
}

/** Themes derive from elements: a paragraph tagged q is tagged theme 2. */
export function themeOf(id: ElementId, taxonomy: Taxonomy = loadTaxonomy()): ThemeId {
  return getElement(id, taxonomy).theme;
}

export function elementsOfTheme(theme: ThemeId, taxonomy: Taxonomy = loadTaxonomy()): Element[] {
  return taxonomy.elements.filter((e) => e.theme === theme);
}
