import type { ElementId } from './types';

/**
 * A lexicon entry as written in the data file: [pattern, weight].
 * Pattern syntax: words separated by spaces form a phrase; "word*" matches any word starting with
 * "word" (tested before stemming); "a ~ b" means both phrases occur within a short window, any order.
 * Weight in (0, 1]: 1 = the phrase alone shows the element, 0.3 = a weak cue that needs support.
 */
export type LexiconTerm = [pattern: string, weight: number];

export interface ElementLexicon {
  terms: LexiconTerm[];
  /** Phrases that cancel any hit of this element they overlap ("drug trafficking" for k). */
  negatives: string[];
  /**
   * The element's vocabulary is also used outside migration (climate change, SDGs, human rights,
   * data): its score is damped when the paragraph has no migration context cue (see `context`).
   */
  needsContext?: boolean;
}

export type LexiconLanguage = 'en' | 'fr' | 'es';

/**
 * What a passage is about, as far as the GCM elements care: migrants and migration; trafficking in
 * persons and smuggling (the subject of k and l even where no border is crossed); refugees and
 * displaced persons, who are not migrants for these elements unless migrants are named too.
 */
export const SUBJECTS = ['migration', 'trafficking', 'displacement'] as const;
export type Subject = (typeof SUBJECTS)[number];

export interface SubjectCues {
  /** Phrases that name the subject ("migrant*", "trafficking in persons"). */
  cues: string[];
  /** Phrases that cancel a cue they overlap: other senses ("highly migratory fish stocks", "data migration"). */
  negatives: string[];
  /**
   * The cues that, found anywhere in a document, show that the document speaks of the subject at
   * all ("migrant*", "remittance*", "trafficking in persons"): the document-level gate. Words that
   * name the subject in a migration text but have other senses elsewhere ("abroad", "visa",
   * "countries of origin", "forced labour") are cues, not anchors. Without anchors, every cue is one.
   */
  anchors?: string[];
}

export interface Lexicon {
  language: LexiconLanguage;
  notes?: string;
  /** Phrases that cancel hits of every element lying wholly inside them (document titles). */
  globalNegatives: string[];
  /** Cues of procedural text (agenda, venue, thanks) that damp every element score. */
  procedural: LexiconTerm[];
  /** Broad migration context cues (migrant, refugee, abroad, remittances, borders…): a weak signal. */
  context?: string[];
  /** Strict cues of each subject: they decide where an element may apply at all. */
  subjects?: Partial<Record<Subject, SubjectCues>>;
  elements: Record<ElementId, ElementLexicon>;
}
