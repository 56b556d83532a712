/**
 * A second classifier version for reprocessing tests: the built-in data with extra lexicon terms.
 * The classifier version is a hash of its data, so adding a term gives a new version, exactly as a
 * real lexicon edit would.
 */
import taxonomy from '../../shared/core/taxonomy/data/gcm/taxonomy.json' with { type: 'json' };
import lexiconEn from '../../shared/core/taxonomy/data/gcm/lexicon.en.json' with { type: 'json' };
import lexiconFr from '../../shared/core/taxonomy/data/gcm/lexicon.fr.json' with { type: 'json' };
import lexiconEs from '../../shared/core/taxonomy/data/gcm/lexicon.es.json' with { type: 'json' };
import { buildTaxonomyBundle } from '../../shared/core/taxonomy';
import type { ElementId, LexiconTerm } from '../../shared/core/taxonomy';
import { createClassifier, defaultClassifierData, type FullClassifier } from '../../shared/core/classify';

export function classifierWithExtraTerms(extra: Partial<Record<ElementId, LexiconTerm[]>>): FullClassifier {
  const en = structuredClone(lexiconEn) as any;
  for (const [element, terms] of Object.entries(extra)) en.elements[element].terms.push(...terms!);
  return createClassifier({ ...defaultClassifierData(), bundle: buildTaxonomyBundle({ taxonomy, lexicons: [en, lexiconFr, lexiconEs] }) });
}
