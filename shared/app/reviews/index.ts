export * from './types';
export type { ReviewRepository } from './ports';
export { applyToElements, applyToParagraphs } from './apply';
export { paragraphTextKey } from './text-key';
export { ReviewedReads, type ServedEvidence, type ServedRankedDocument } from './reviewed-reads';
export { registerReviewRoutes, reviewsOpenApi, ReviewRequestSchema } from './api-routes';
export { NO_REVIEWS } from './no-reviews';
