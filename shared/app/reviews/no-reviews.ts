/** A server without review storage (benchmarks, tools): no decisions to apply, and none can be recorded. */
import { ApiError } from '../api/errors';
import type { ReviewRepository } from './ports';

export const NO_REVIEWS: ReviewRepository = {
  async put() {
    throw new ApiError(503, 'unavailable', 'review decisions are not stored on this server');
  },
  forDocument: async () => [],
  forDocuments: async () => new Map(),
  onElement: async () => [],
  applyingTo: async () => [],
  list: async () => ({ items: [] }),
};
