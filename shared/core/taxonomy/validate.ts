import { TaxonomyDataError } from './errors';
import { SUBJECTS, type Lexicon } from './lexicon-types';
import type { ElementId, Taxonomy, ThemeId } from './types';

// Hand-written checks rather than a schema library: this runs on every Lambda cold start and the
// data are small, so a few loops are cheaper than building a validator.

const ELEMENT_IDS = 'abcdefghijklmnopqrstuvwx'.split('') as ElementId[];

export function validateTaxonomy(data: unknown): Omit<Taxonomy, 'version'> {
  const t = data as Taxonomy;
  if (!t || typeof t.id !== 'string' || !Array.isArray(t.themes) || !Array.isArray(t.elements)) {
    throw new TaxonomyDataError('taxonomy: expected {id, themes[], elements[]}');
  }
  const themeIds = new Set<ThemeId>();
  for (const th of t.themes) {
    if (typeof th.id !== 'number' || !th.label || !th.wording) throw new TaxonomyDataError(`taxonomy: bad theme ${JSON.stringify(th)}`);
    themeIds.add(th.id);
  }
  const seen = new Set<string>();
  for (const el of t.elements) {
    if (!ELEMENT_IDS.includes(el.id)) throw new TaxonomyDataError(`taxonomy: unknown element id ${String(el.id)}`);
    if (seen.has(el.id)) throw new TaxonomyDataError(`taxonomy: duplicate element ${el.id}`);
    if (!themeIds.has(el.theme)) throw new TaxonomyDataError(`taxonomy: element ${el.id} has unknown theme ${el.theme}`);
    if (!el.label || !el.wording) throw new TaxonomyDataError(`taxonomy: element ${el.id} lacks label or wording`);
    seen.add(el.id);
  }
  return { id: t.id, themes: t.themes, elements: t.elements };
}

export function validateLexicon(data: unknown, elementIds: readonly ElementId[]): Lexicon {
  const lx = data as Lexicon;
  const where = `lexicon.${lx?.language ?? '?'}`;
  if (!lx || !['en', 'fr', 'es'].includes(lx.language) || typeof lx.elements !== 'object') {
    throw new TaxonomyDataError(`${where}: expected {language, elements}`);
  }
  const checkTerms = (terms: unknown, ctx: string) => {
    if (!Array.isArray(terms)) throw new TaxonomyDataError(`${where}: ${ctx} must be an array`);
    for (const term of terms) {
      const ok = Array.isArray(term) && typeof term[0] === 'string' && term[0].trim() !== ''
        && typeof term[1] === 'number' && term[1] > 0 && term[1] <= 1;
      if (!ok) throw new TaxonomyDataError(`${where}: ${ctx}: bad entry ${JSON.stringify(term)} (want [pattern, weight in (0,1]])`);
    }
  };
  checkTerms(lx.procedural ?? [], 'procedural');
  if (!Array.isArray(lx.context ?? [])) throw new TaxonomyDataError(`${where}: context must be an array`);
  for (const [subject, cues] of Object.entries(lx.subjects ?? {})) {
    if (!(SUBJECTS as readonly string[]).includes(subject)) throw new TaxonomyDataError(`${where}: unknown subject ${subject}`);
    const ok = cues && Array.isArray(cues.cues) && Array.isArray(cues.negatives ?? []) && Array.isArray(cues.anchors ?? [])
      && [...cues.cues, ...(cues.negatives ?? []), ...(cues.anchors ?? [])].every((c) => typeof c === 'string' && c.trim() !== '');
    if (!ok) throw new TaxonomyDataError(`${where}: subjects.${subject} must be {cues: string[], negatives: string[], anchors?: string[]}`);
  }
  if (!Array.isArray(lx.globalNegatives ?? [])) throw new TaxonomyDataError(`${where}: globalNegatives must be an array`);
  for (const id of Object.keys(lx.elements)) {
    if (!elementIds.includes(id as ElementId)) throw new TaxonomyDataError(`${where}: unknown element ${id}`);
    const el = lx.elements[id as ElementId];
    checkTerms(el.terms, `elements.${id}.terms`);
    if (!Array.isArray(el.negatives ?? [])) throw new TaxonomyDataError(`${where}: elements.${id}.negatives must be an array`);
  }
  return {
    language: lx.language,
    notes: lx.notes,
    globalNegatives: lx.globalNegatives ?? [],
    procedural: lx.procedural ?? [],
    context: lx.context ?? [],
    subjects: Object.fromEntries(Object.entries(lx.subjects ?? {}).map(([k, v]) => [k, { cues: v.cues, negatives: v.negatives ?? [], anchors: v.anchors ?? v.cues }])),
    elements: lx.elements,
  };
}
