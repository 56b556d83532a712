/**
 * Paragraph sentences that each clearly address a different GCM topic (trafficking, remittances,
 * fair recruitment, return, data, basic services). Generated test and benchmark documents rotate
 * through them so every document is tagged, with a varying mix of elements.
 */
export const TOPIC_SENTENCES: readonly string[] = [
  'States will prosecute traffickers, dismantle the criminal networks behind human trafficking and identify victims of trafficking.',
  'Participants called for reducing the transaction costs of migrant remittances and for diaspora investment in countries of origin.',
  'Migrant workers should not pay recruitment fees; States will regulate recruitment agencies and promote fair recruitment.',
  'States will cooperate on return and readmission and on the sustainable reintegration of returning migrants.',
  'States will strengthen the collection of accurate and disaggregated migration data as a basis for evidence-based policies.',
  'States will provide migrants with access to basic services, including health care and education, regardless of status.',
];
