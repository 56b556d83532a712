/** The taxonomy or lexicon data is malformed: a data error, never a user input error. */
export class TaxonomyDataError extends Error {
  override readonly name = 'TaxonomyDataError';
}
